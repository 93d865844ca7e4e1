package io.tideway.loader.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which file ids a rollback may name: read from a real broker's files topic. */
class AnnouncedFilesIT {

  private static final String PREFIX = "announced.";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;
  private static AnnouncedFiles announced;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(Topics.FILES, PREFIX, 3);
    KafkaClientFactory clients = new KafkaClientFactory(kafka.bootstrapServers(), Map.of());
    TidewaySettings settings = new TidewaySettings();
    settings.setTopicPrefix(PREFIX);
    announced = new AnnouncedFiles(clients, settings);
    try (KafkaProducer<String, FileEvent> producer =
        clients.producer(
            Map.of(),
            Topics.FILES.keySerde().serializer(),
            Topics.FILES.valueSerde().serializer())) {
      send(producer, FileEventType.DISCOVERED, "announced-1");
      send(producer, FileEventType.COMPLETED, "announced-1");
      // A rollback announcement alone does not make an id known: it is what a rollback writes.
      send(producer, FileEventType.ROLLED_BACK, "only-rolled-back");
      producer.flush();
    }
  }

  private static void send(KafkaProducer<String, FileEvent> producer, FileEventType type, String id)
      throws Exception {
    String topic = Topics.FILES.name(PREFIX);
    producer
        .send(new ProducerRecord<>(topic, id, FileEvent.of(type, id, id + ".csv", "m", "inbox")))
        .get();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void aFileIngestAnnouncedIsKnown() {
    assertTrue(announced.contains("announced-1", TIMEOUT));
  }

  @Test
  void anIdNobodyAnnouncedIsUnknown() {
    assertFalse(announced.contains("never-seen", TIMEOUT));
  }

  @Test
  void anIdSeenOnlyInARollbackIsUnknown() {
    assertFalse(announced.contains("only-rolled-back", TIMEOUT));
  }
}
