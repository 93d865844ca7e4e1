package io.tideway.contracts.json;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * MongoDB Extended JSON (canonical mode) for the cleaned topic: int32/int64/double/Decimal128 and
 * dates survive the trip, so the loader and the MongoDB Kafka Connector write identical BSON.
 */
public final class ExtendedJson {

  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ExtendedJson() {}

  public static String write(BsonDocument document) {
    return document.toJson(CANONICAL);
  }

  public static BsonDocument read(String json) {
    return BsonDocument.parse(json);
  }
}
