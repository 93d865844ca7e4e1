package io.tideway.contracts.json;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * BSON documents as canonical Extended JSON text through the bson library's own {@code JsonWriter}
 * (records of {@code tideway.cleaned} schema 1, test fixtures): int32/int64/double/Decimal128 and
 * dates keep their types.
 */
public final class ExtendedJson {

  /** Canonical Extended JSON: every number and date keeps its BSON type. */
  public static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ExtendedJson() {}

  /** The canonical Extended JSON of {@code document}, which {@link #read} reads back as it was. */
  public static String write(BsonDocument document) {
    return document.toJson(CANONICAL);
  }

  public static BsonDocument read(String json) {
    return BsonDocument.parse(json);
  }
}
