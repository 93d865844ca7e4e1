package io.tideway.loader.consume;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.loader.write.LoadDocument;
import io.tideway.loader.write.Namespace;
import io.tideway.loader.write.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bson.BsonDocument;

/**
 * Turns a record of the cleaned topic into a {@link LoadDocument} routed by its mapping header, or
 * into a {@link Refusal} with a clear reason (unknown mapping, neither BSON nor Extended JSON, no
 * {@code _id}, over MongoDB's document size limit). A BSON value (schema 2) is not parsed: it goes
 * to the driver as a {@code RawBsonDocument}; Extended JSON (schema 1, before the upgrade) is read.
 */
public final class CleanedRecordParser {

  /** MongoDB's maximum BSON document size. */
  static final int MAX_BSON_SIZE = 16 * 1024 * 1024;

  /**
   * Below this many bytes of Extended JSON (schema 1) a document cannot reach {@link
   * #MAX_BSON_SIZE}.
   */
  private static final int MEASURE_ABOVE_BYTES = 1024 * 1024;

  private final MappingCatalog catalog;

  public CleanedRecordParser(MappingCatalog catalog) {
    this.catalog = catalog;
  }

  public ParsedRecord parse(ConsumerRecord<String, byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    String headerFileId = header(record, KafkaHeaders.FILE_ID);
    String mappingName =
        Optional.ofNullable(header(record, KafkaHeaders.MAPPING))
            .orElse(MappingCatalog.DEFAULT_MAPPING);
    Optional<Mapping> mapping = catalog.find(mappingName);
    if (mapping.isEmpty()) {
      return refuse(
          tp,
          record.offset(),
          headerFileId,
          "loader.unknown_mapping",
          "v=1, unknown mapping '" + mappingName + "' in header " + KafkaHeaders.MAPPING);
    }
    if (record.value() == null) {
      return refuse(
          tp, record.offset(), headerFileId, "loader.empty_value", "v=1, record has no value");
    }
    BsonDocument doc;
    int format = BsonBytes.formatOf(record.value());
    if (format == BsonBytes.SCHEMA) {
      // The hot path: the bytes go to the driver as they are, parsed by no one.
      doc = BsonBytes.read(record.value());
    } else if (format == BsonBytes.SCHEMA_EXTENDED_JSON) {
      // Written by a cleaner before schema 2 and still in the topic after an upgrade: read it.
      try {
        doc = BsonBytes.readExtendedJson(record.value());
      } catch (RuntimeException e) {
        return refuse(
            tp,
            record.offset(),
            headerFileId,
            "loader.invalid_extended_json",
            "v=1, value of schema 1 is not valid canonical Extended JSON: " + clip(e.getMessage()));
      }
    } else {
      return refuse(
          tp,
          record.offset(),
          headerFileId,
          "loader.invalid_bson",
          "v=1, value on "
              + record.topic()
              + " is neither a BSON document (schema "
              + BsonBytes.SCHEMA
              + ") nor Extended JSON (schema "
              + BsonBytes.SCHEMA_EXTENDED_JSON
              + ")");
    }
    boolean hasId;
    try {
      hasId = doc.containsKey("_id");
    } catch (RuntimeException e) {
      return refuse(
          tp,
          record.offset(),
          headerFileId,
          "loader.invalid_bson",
          "v=1, value on "
              + record.topic()
              + " is not a valid BSON document: "
              + clip(e.getMessage()));
    }
    String fileId = headerFileId != null ? headerFileId : LoadDocument.sourceFileId(doc);
    Mapping.Target target = mapping.get().target();
    LoadDocument load =
        new LoadDocument(
            tp,
            record.offset(),
            fileId == null ? "unknown" : fileId,
            new Namespace(target.database(), target.collection()),
            doc);
    if (!hasId) {
      // Without a deterministic _id an insert would get a fresh ObjectId: not idempotent.
      return ParsedRecord.refused(refusal(load, "loader.missing_id", "v=1, document has no _id"));
    }
    int size =
        format == BsonBytes.SCHEMA
            ? record.value().length
            : record.value().length > MEASURE_ABOVE_BYTES ? BsonBytes.write(doc).length : 0;
    if (size > MAX_BSON_SIZE) {
      return ParsedRecord.refused(
          refusal(
              load,
              "mongodb.document_too_large",
              "v=1, code=10334, message=document is "
                  + size
                  + " bytes, over MongoDB's limit of "
                  + MAX_BSON_SIZE));
    }
    return ParsedRecord.document(load);
  }

  private static Refusal refusal(LoadDocument doc, String rule, String message) {
    return new Refusal(
        doc.partition(), doc.offset(), doc.fileId(), doc.fileName(), doc.row(), rule, message);
  }

  private static ParsedRecord refuse(
      TopicPartition tp, long offset, String fileId, String rule, String message) {
    return ParsedRecord.refused(
        new Refusal(tp, offset, fileId == null ? "unknown" : fileId, null, -1, rule, message));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String clip(String message) {
    if (message == null) {
      return "";
    }
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
