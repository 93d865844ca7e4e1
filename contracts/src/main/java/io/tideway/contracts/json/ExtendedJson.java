package io.tideway.contracts.json;

import org.bson.BsonDocument;

/**
 * MongoDB Extended JSON (canonical mode) for the cleaned topic: int32/int64/double/Decimal128 and
 * dates survive the trip, so the loader and the MongoDB Kafka Connector write identical BSON.
 */
public final class ExtendedJson {

  // One writer per thread: the cleaner calls write once per row, and its buffers are worth keeping.
  private static final ThreadLocal<ExtendedJsonWriter> PER_THREAD =
      ThreadLocal.withInitial(ExtendedJsonWriter::buffering);

  private ExtendedJson() {}

  /**
   * Exactly the String of {@code
   * document.toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED) .build())}, which
   * the loader and the connector parse, written without the codec machinery.
   */
  public static String write(BsonDocument document) {
    ExtendedJsonWriter writer = PER_THREAD.get();
    // Re-entry on one thread (a wrapped document whose encoder writes JSON) must not share the
    // state.
    return (writer.isBusy() ? ExtendedJsonWriter.buffering() : writer).toJson(document, false);
  }

  public static BsonDocument read(String json) {
    return BsonDocument.parse(json);
  }
}
