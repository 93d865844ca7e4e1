package io.tideway.cleaner.mapping;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.bson.BsonOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;

/**
 * Where each value of a mapping's documents goes, worked out once per mapping: the nested fields in
 * first-use order, as setting the dotted paths one after another on a {@code BsonDocument} would
 * give them. A row's document is then written straight to BSON bytes by walking it, without
 * building the document as objects first (docs/BENCHMARKS.md, "The cleaner writes each document's
 * BSON directly").
 */
final class DocumentLayout {

  private static final BsonValueCodec VALUES = new BsonValueCodec();
  private static final EncoderContext CONTEXT = EncoderContext.builder().build();

  /** A field: a value slot (index into the row's values) or a nested document. */
  private record Field(String name, byte[] cstring, int slot, Field[] nested) {

    Field(String name, int slot, Field[] nested) {
      this(name, BsonOut.cstring(name), slot, nested);
    }
  }

  /** Array keys "0", "1", … as cstrings, for the arrays a row holds (its quality warnings). */
  private static final byte[][] INDEXES =
      IntStream.range(0, 64)
          .mapToObj(i -> BsonOut.cstring(Integer.toString(i)))
          .toArray(byte[][]::new);

  private final Field[] fields;
  private final int slots;

  private DocumentLayout(Field[] fields, int slots) {
    this.fields = fields;
    this.slots = slots;
  }

  /** How many values a row's document has, one per path this layout was made of. */
  int slots() {
    return slots;
  }

  /**
   * The layout of documents whose value {@code i} is set at {@code paths[i]}, in that order: a
   * later path to the same field replaces the earlier value in the earlier one's place, and a path
   * through a field holding a value replaces that value with a nested document.
   */
  static DocumentLayout of(List<String[]> paths) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (int slot = 0; slot < paths.size(); slot++) {
      String[] path = paths.get(slot);
      Map<String, Object> at = root;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = at.get(path[i]);
        if (!(next instanceof Map)) {
          next = new LinkedHashMap<String, Object>();
          at.put(path[i], next);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) next;
        at = nested;
      }
      at.put(path[path.length - 1], slot);
    }
    return new DocumentLayout(fields(root), paths.size());
  }

  private static Field[] fields(Map<String, Object> level) {
    List<Field> out = new ArrayList<>(level.size());
    level.forEach(
        (name, v) -> {
          if (v instanceof Integer slot) {
            out.add(new Field(name, slot, null));
          } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) v;
            out.add(new Field(name, -1, fields(nested)));
          }
        });
    return out.toArray(Field[]::new);
  }

  /**
   * The BSON bytes of one document with {@code values} by slot: written by hand ({@link BsonOut})
   * when every value is of a type a cleaned row holds, else through the library's writer; the bytes
   * are the same either way.
   */
  byte[] bytes(BsonValue[] values) {
    BsonOut out = new BsonOut();
    int start = out.start();
    if (write(out, fields, values)) {
      out.end(start);
      return out.toByteArray();
    }
    return BsonBytes.write(writer -> write(writer, values));
  }

  /** Writes the fields of one document (inside its start and end) with {@code values} by slot. */
  void write(BsonWriter writer, BsonValue[] values) {
    write(writer, fields, values);
  }

  /** False, with {@code out} unusable, when a value is of a type not written by hand. */
  private static boolean write(BsonOut out, Field[] level, BsonValue[] values) {
    for (Field f : level) {
      if (f.nested() != null) {
        out.name(BsonType.DOCUMENT, f.cstring());
        int start = out.start();
        if (!write(out, f.nested(), values)) {
          return false;
        }
        out.end(start);
      } else if (!writeValue(out, f.cstring(), values[f.slot()])) {
        return false;
      }
    }
    return true;
  }

  private static boolean writeValue(BsonOut out, byte[] name, BsonValue v) {
    BsonType type = v.getBsonType();
    boolean handWritten =
        switch (type) {
          case STRING, INT32, INT64, DOUBLE, DECIMAL128, BOOLEAN, DATE_TIME, NULL -> true;
          case ARRAY -> v.asArray().size() <= INDEXES.length;
          default -> false;
        };
    if (!handWritten) {
      return false;
    }
    out.name(type, name);
    switch (type) {
      case STRING -> out.string(v.asString().getValue());
      case INT32 -> out.int32(v.asInt32().getValue());
      case INT64 -> out.int64(v.asInt64().getValue());
      case DOUBLE -> out.int64(Double.doubleToRawLongBits(v.asDouble().getValue()));
      case DECIMAL128 -> {
        out.int64(v.asDecimal128().getValue().getLow());
        out.int64(v.asDecimal128().getValue().getHigh());
      }
      case BOOLEAN -> out.bool(v.asBoolean().getValue());
      case DATE_TIME -> out.int64(v.asDateTime().getValue());
      case ARRAY -> {
        List<BsonValue> items = v.asArray().getValues();
        int start = out.start();
        for (int i = 0; i < items.size(); i++) {
          if (!writeValue(out, INDEXES[i], items.get(i))) {
            return false;
          }
        }
        out.end(start);
      }
      default -> {} // null: the type and the name are the whole element
    }
    return true;
  }

  private static void write(BsonWriter writer, Field[] level, BsonValue[] values) {
    for (Field f : level) {
      writer.writeName(f.name());
      if (f.nested() != null) {
        writer.writeStartDocument();
        write(writer, f.nested(), values);
        writer.writeEndDocument();
      } else {
        writeValue(writer, values[f.slot()]);
      }
    }
  }

  /** The value types a cleaned row holds written directly; any other through the library. */
  private static void writeValue(BsonWriter writer, BsonValue v) {
    switch (v.getBsonType()) {
      case STRING -> writer.writeString(v.asString().getValue());
      case INT32 -> writer.writeInt32(v.asInt32().getValue());
      case INT64 -> writer.writeInt64(v.asInt64().getValue());
      case DOUBLE -> writer.writeDouble(v.asDouble().getValue());
      case DECIMAL128 -> writer.writeDecimal128(v.asDecimal128().getValue());
      case BOOLEAN -> writer.writeBoolean(v.asBoolean().getValue());
      case DATE_TIME -> writer.writeDateTime(v.asDateTime().getValue());
      case NULL -> writer.writeNull();
      case ARRAY -> {
        writer.writeStartArray();
        for (BsonValue item : v.asArray()) {
          writeValue(writer, item);
        }
        writer.writeEndArray();
      }
      default -> VALUES.encode(writer, v, CONTEXT);
    }
  }
}
