package io.tideway.loader.support;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.json.ExtendedJson;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.Delivery;
import io.tideway.testkit.EmbeddedKafka;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;

/** Cleaned documents shaped like the reference mapping's, and a producer for the cleaned topic. */
public final class CleanedDocs {

  private CleanedDocs() {}

  /**
   * A document with a deterministic {@code _id} and content for {@code key}, sourced from {@code
   * fileId}/{@code row}.
   */
  public static BsonDocument doc(String key, String fileId, long row) {
    return new BsonDocument("_id", new BsonString(DocumentId.of(List.of(key))))
        .append(
            "patient",
            new BsonDocument("name", new BsonString("Patient " + key))
                .append("age", new BsonInt32(30 + (key.length() % 50))))
        .append("stay", new BsonDocument("admission_date", new BsonDateTime(1_700_000_000_000L)))
        .append("billing_amount", new BsonDecimal128(new Decimal128(new BigDecimal("1234.56"))))
        .append(
            "_source",
            new BsonDocument("file_id", new BsonString(fileId))
                .append("file_name", new BsonString(fileId + ".csv"))
                .append("row", new BsonInt64(row))
                .append(
                    "ingested_at",
                    new BsonDateTime(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli())));
  }

  /**
   * The cleaned-topic record of {@code doc}: key {@code _id}, BSON value (schema 2), mapping and
   * file headers.
   */
  public static ProducerRecord<String, byte[]> record(
      String prefix, BsonDocument doc, String fileId) {
    return raw(prefix, key(doc), BsonBytes.write(doc), fileId);
  }

  /** The record a cleaner before schema 2 wrote: the value is canonical Extended JSON text. */
  public static ProducerRecord<String, byte[]> schema1Record(
      String prefix, BsonDocument doc, String fileId) {
    return raw(prefix, key(doc), ExtendedJson.write(doc).getBytes(StandardCharsets.UTF_8), fileId);
  }

  private static String key(BsonDocument doc) {
    return doc.get("_id") != null && doc.get("_id").isString()
        ? doc.getString("_id").getValue()
        : "odd-id";
  }

  /** A cleaned-topic record with an arbitrary value (for malformed input). */
  public static ProducerRecord<String, byte[]> raw(
      String prefix, String key, String value, String fileId) {
    return raw(prefix, key, value.getBytes(StandardCharsets.UTF_8), fileId);
  }

  /** A cleaned-topic record with arbitrary bytes as its value. */
  public static ProducerRecord<String, byte[]> raw(
      String prefix, String key, byte[] value, String fileId) {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(Topics.CLEANED.name(prefix), key, value);
    r.headers()
        .add(KafkaHeaders.MAPPING, MappingCatalog.DEFAULT_MAPPING.getBytes(StandardCharsets.UTF_8));
    r.headers().add(KafkaHeaders.FILE_ID, fileId.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  public static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
    Map<String, Object> p =
        EmbeddedKafka.producerConfig(
            bootstrap, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      Delivery.sendAll(producer, records);
    }
  }
}
