package io.tideway.loader.admin;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes ROLLED_BACK on the files topic (key = file id) once an operator rollback has deleted
 * the documents.
 */
@Singleton
public class RollbackAnnouncer {

  /** Reason carried by every operator rollback event. */
  public static final String REASON = "rolled back by operator";

  private final KafkaClientFactory kafka;
  private final String filesTopic;
  private Producer<String, byte[]> producer;

  public RollbackAnnouncer(KafkaClientFactory kafka, TidewaySettings settings) {
    this.kafka = kafka;
    this.filesTopic = Topics.FILES.name(settings.getTopicPrefix());
  }

  /**
   * Sends the event and waits for the broker's acknowledgement (so the caller can report success).
   */
  public synchronized FileEvent announce(
      String fileId, String fileName, String mapping, long deleted) throws Exception {
    FileEvent event =
        new FileEvent(
            FileEvent.SCHEMA,
            FileEventType.ROLLED_BACK,
            fileId,
            fileName,
            mapping,
            "operator",
            deleted,
            0,
            null,
            null,
            null,
            REASON,
            Instant.now(),
            0);
    producer()
        .send(new ProducerRecord<>(filesTopic, fileId, Json.toBytes(event)))
        .get(30, TimeUnit.SECONDS);
    return event;
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      Map<String, Object> p = new HashMap<>();
      p.put(ProducerConfig.CLIENT_ID_CONFIG, "loader-rollback");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
      p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      producer = kafka.producer(p);
    }
    return producer;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
