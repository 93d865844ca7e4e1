package io.tideway.contracts.mapping;

import io.tideway.contracts.bson.BsonElements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The fields' paths, and their proper dotted prefixes: the embedded documents to walk into. */
  private final Set<String> paths = new HashSet<>();

  private final Set<String> prefixes = new HashSet<>();

  private DocumentShape(String mapping, List<Field> fields) {
    this.mapping = mapping;
    this.fields = List.copyOf(fields);
    for (Field f : fields) {
      paths.add(f.path());
      for (int dot = f.path().indexOf('.'); dot > 0; dot = f.path().indexOf('.', dot + 1)) {
        prefixes.add(f.path().substring(0, dot));
      }
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
   * The BSON type at each of this shape's paths in a stored document, read in one pass over its
   * bytes instead of one lookup per field (each of which would walk the document from its start); a
   * path that is missing, or runs through a value that is not a document, is absent. Like a lookup,
   * a key repeated in one document answers with its first element.
   */
  Map<String, BsonType> typesIn(RawBsonDocument doc) {
    var buffer = doc.getByteBuffer();
    byte[] bson = buffer.array();
    int start = buffer.asNIO().arrayOffset() + buffer.position();
    Map<String, BsonType> types = new HashMap<>();
    walk(bson, start, start + buffer.remaining(), "", types, new HashSet<>());
    return types;
  }

  private void walk(
      byte[] bson,
      int start,
      int end,
      String prefix,
      Map<String, BsonType> types,
      Set<String> walked) {
    int at = start + 4;
    while (at < end - 1) {
      byte type = bson[at];
      int keyEnd = BsonElements.cstringEnd(bson, at + 1, end);
      int value = keyEnd + 1;
      int length = BsonElements.valueLength(bson, type, value, end);
      String key = new String(bson, at + 1, keyEnd - at - 1, StandardCharsets.UTF_8);
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (paths.contains(path)) {
        types.putIfAbsent(path, BsonType.findByValue(type & 0xff));
      }
      // Only the first of a repeated key is walked, as a lookup would.
      if (type == BsonType.DOCUMENT.getValue() && prefixes.contains(path) && walked.add(path)) {
        walk(bson, value, value + length, path, types, walked);
      }
      at = value + length;
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
