package io.tideway.cleaner.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private record Field(String name, int slot, Field[] nested) {}

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

  /** Writes the fields of one document (inside its start and end) with {@code values} by slot. */
  void write(BsonWriter writer, BsonValue[] values) {
    write(writer, fields, values);
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
