package io.tideway.contracts.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Type conformance of a stream of stored documents against a {@link DocumentShape}. Problems name
 * the field, the type found, how many documents and the first row; never a value, because the
 * documents hold personal data. Not thread-safe: one per pass.
 */
public final class Conformance {

  /** What was found wrong with one field, per found type ({@code missing} when absent). */
  private record Finding(DocumentShape.Field field, String found) {}

  private static final class Tally {
    long documents;
    String firstAt;
  }

  private final DocumentShape shape;
  private final Map<Finding, Tally> findings = new LinkedHashMap<>();
  private long checked;
  private long nonConforming;

  Conformance(DocumentShape shape) {
    this.shape = shape;
  }

  /** Checks one document. */
  public void add(BsonDocument doc) {
    checked++;
    boolean conforming = true;
    // A stored document (raw bytes from MongoDB) is read once for all fields.
    BsonType[] types = doc instanceof RawBsonDocument raw ? shape.typesIn(raw) : null;
    List<DocumentShape.Field> fields = shape.fields();
    for (int i = 0; i < fields.size(); i++) {
      DocumentShape.Field field = fields.get(i);
      BsonType type = types != null ? types[i] : typeOf(field.in(doc));
      String found;
      if (type == null) {
        found = "missing";
      } else if (type == field.type() || (type == BsonType.NULL && field.nullable())) {
        continue;
      } else {
        found = DocumentShape.typeName(type);
      }
      conforming = false;
      Tally t = findings.computeIfAbsent(new Finding(field, found), k -> new Tally());
      if (t.documents++ == 0) {
        t.firstAt = where(doc);
      }
    }
    if (!conforming) {
      nonConforming++;
    }
  }

  private static BsonType typeOf(BsonValue v) {
    return v == null ? null : v.getBsonType();
  }

  public long checked() {
    return checked;
  }

  /** Documents with at least one field missing or of the wrong type. */
  public long nonConforming() {
    return nonConforming;
  }

  /**
   * One line per field and found type, e.g. {@code patient.age: string in 3 documents, mapping
   * 'healthcare-admissions' says int32 (first at row 17 of the file)}.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Finding, Tally> e : findings.entrySet()) {
      Finding f = e.getKey();
      out.add(
          String.format(
              "%s: %s in %d document%s, mapping '%s' says %s (first %s)",
              f.field().path(),
              f.found(),
              e.getValue().documents,
              e.getValue().documents == 1 ? "" : "s",
              shape.mapping(),
              f.field().typeName(),
              e.getValue().firstAt));
    }
    return List.copyOf(out);
  }

  /** Where a document came from, without its content: the source row, else the {@code _id}. */
  private static String where(BsonDocument doc) {
    BsonValue row = DocumentShape.at(doc, "_source.row");
    if (row != null && row.isNumber()) {
      return "at row " + row.asNumber().longValue() + " of the file";
    }
    BsonValue id = doc.get("_id");
    return id != null && id.getBsonType() == BsonType.STRING
        ? "_id " + id.asString().getValue()
        : "document without a row";
  }
}
