package io.tideway.contracts.mapping;

import io.tideway.contracts.bson.BsonElements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * The fields and BSON types every stored document of a mapping must have, as the integrity step of
 * a migration checks them: each mapped column, each derived field, {@code _id} and the {@code
 * _source} lineage. Optional columns may hold null (the cleaner stores an empty optional cell as
 * null); required ones may not. Fields outside the mapping are not checked here.
 */
public final class DocumentShape {

  /** One expected field. */
  public record Field(String path, BsonType type, boolean nullable) {

    /** The value at this field's path, {@code null} when a step is missing or not a document. */
    BsonValue in(BsonDocument doc) {
      return at(doc, path);
    }

    String typeName() {
      return DocumentShape.typeName(type) + (nullable ? " or null" : "");
    }
  }

  private final String mapping;
  private final List<Field> fields;

  /** The fields' paths as a tree of names, to match a stored document's keys as bytes. */
  private final Level root;

  /**
   * Per field, the first field with the same path (itself when its path is unique): a column may
   * write a path the shape also names, and one element answers both.
   */
  private final int[] firstWithPath;

  private DocumentShape(String mapping, List<Field> fields) {
    this.mapping = mapping;
    this.fields = List.copyOf(fields);
    this.root = Level.of(this.fields);
    this.firstWithPath = new int[fields.size()];
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      first.putIfAbsent(fields.get(i).path(), i);
      firstWithPath[i] = first.get(fields.get(i).path());
    }
  }

  /** The shape the cleaner gives the documents of {@code mapping}. */
  public static DocumentShape of(Mapping mapping) {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("_id", BsonType.STRING, false));
    for (ColumnSpec c : mapping.columns()) {
      fields.add(new Field(c.target(), bsonType(c.type()), !c.isRequired()));
    }
    for (DerivedField d : mapping.derived()) {
      // days_between is null when either date is empty
      fields.add(new Field(d.target(), BsonType.INT32, true));
    }
    fields.add(new Field("_source.file_id", BsonType.STRING, false));
    fields.add(new Field("_source.row", BsonType.INT64, false));
    return new DocumentShape(mapping.name(), fields);
  }

  /** The BSON type the cleaner writes for a column type. */
  public static BsonType bsonType(FieldType type) {
    return switch (type) {
      case INT -> BsonType.INT32;
      case LONG -> BsonType.INT64;
      case DECIMAL -> BsonType.DECIMAL128;
      case BOOLEAN -> BsonType.BOOLEAN;
      case DATE, DATETIME -> BsonType.DATE_TIME;
      case STRING, ENUM -> BsonType.STRING;
    };
  }

  public String mapping() {
    return mapping;
  }

  public List<Field> fields() {
    return fields;
  }

  /** A fresh accumulator for one pass over a file's documents. */
  public Conformance check() {
    return new Conformance(this);
  }

  /**
   * The BSON type at each of this shape's paths in a stored document, by the field's position in
   * {@link #fields()}, read in one pass over its bytes instead of one lookup per field (each of
   * which would walk the document from its start), its keys compared as UTF-8 without making a
   * string of them; a path that is missing, or runs through a value that is not a document, is
   * null. Like a lookup, a key repeated in one document answers with its first element.
   */
  BsonType[] typesIn(RawBsonDocument doc) {
    var buffer = doc.getByteBuffer();
    byte[] bson = buffer.array();
    int start = buffer.asNIO().arrayOffset() + buffer.position();
    BsonType[] types = new BsonType[fields.size()];
    walk(bson, start, start + buffer.remaining(), root, types, new boolean[root.count]);
    for (int i = 0; i < types.length; i++) {
      types[i] = types[firstWithPath[i]];
    }
    return types;
  }

  private static void walk(
      byte[] bson, int start, int end, Level level, BsonType[] types, boolean[] walked) {
    int at = start + 4;
    while (at < end - 1) {
      byte type = bson[at];
      int keyEnd = BsonElements.cstringEnd(bson, at + 1, end);
      int value = keyEnd + 1;
      int length = BsonElements.valueLength(bson, type, value, end);
      int name = level.indexOf(bson, at + 1, keyEnd);
      if (name >= 0) {
        int field = level.fields[name];
        if (field >= 0 && types[field] == null) {
          types[field] = BsonType.findByValue(type & 0xff);
        }
        // A repeated key counts once, by its first element, as a lookup would answer.
        Level below = level.below[name];
        if (below != null && !walked[below.id]) {
          walked[below.id] = true;
          if (type == BsonType.DOCUMENT.getValue()) {
            walk(bson, value, value + length, below, types, walked);
          }
        }
      }
      at = value + length;
    }
  }

  /**
   * One depth of the shape's paths: each name there as UTF-8, the field it ends (its position, or
   * -1) and the level below it (or null). {@code id} numbers the levels under one root; {@code
   * count} is how many there are.
   */
  private static final class Level {
    final byte[][] names;
    final int[] fields;
    final Level[] below;
    final int id;
    int count;

    private Level(int size, int id) {
      names = new byte[size][];
      fields = new int[size];
      below = new Level[size];
      this.id = id;
    }

    static Level of(List<Field> fields) {
      Node tree = new Node();
      for (int i = 0; i < fields.size(); i++) {
        Node node = tree;
        for (String step : fields.get(i).path().split("\\.", -1)) {
          node = node.children.computeIfAbsent(step, k -> new Node());
        }
        if (node.field < 0) {
          node.field = i;
        }
      }
      int[] ids = {0};
      Level root = freeze(tree, ids);
      root.count = ids[0];
      return root;
    }

    private static Level freeze(Node node, int[] ids) {
      Level level = new Level(node.children.size(), ids[0]++);
      int i = 0;
      for (Map.Entry<String, Node> e : node.children.entrySet()) {
        Node child = e.getValue();
        level.names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
        level.fields[i] = child.field;
        level.below[i] = child.children.isEmpty() ? null : freeze(child, ids);
        i++;
      }
      return level;
    }

    /** A step of the paths while the tree is built. */
    private static final class Node {
      int field = -1;
      final Map<String, Node> children = new LinkedHashMap<>();
    }

    /** The position of the name held in {@code bson[from, to)}, or -1. */
    int indexOf(byte[] bson, int from, int to) {
      int length = to - from;
      for (int i = 0; i < names.length; i++) {
        byte[] n = names[i];
        if (n.length == length && Arrays.equals(n, 0, length, bson, from, to)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The value at a dotted path, {@code null} when a step is missing or not a document; a stored
   * BSON null comes back as {@link org.bson.BsonNull}.
   */
  static BsonValue at(BsonDocument doc, String path) {
    BsonValue v = doc;
    int from = 0;
    while (from <= path.length()) {
      int dot = path.indexOf('.', from);
      int to = dot < 0 ? path.length() : dot;
      if (v == null || !v.isDocument()) {
        return null;
      }
      v = v.asDocument().get(path.substring(from, to));
      from = to + 1;
    }
    return v;
  }

  static String typeName(BsonType type) {
    return switch (type) {
      case INT32 -> "int32";
      case INT64 -> "int64";
      case DOUBLE -> "double";
      case DECIMAL128 -> "decimal128";
      case DATE_TIME -> "date";
      case STRING -> "string";
      case NULL -> "null";
      case DOCUMENT -> "document";
      case ARRAY -> "array";
      case BOOLEAN -> "bool";
      case OBJECT_ID -> "objectId";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
