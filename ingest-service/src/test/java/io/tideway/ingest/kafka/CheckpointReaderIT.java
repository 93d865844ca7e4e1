package io.tideway.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where a restarted ingest resumes each file: the checkpoints a real broker committed. */
class CheckpointReaderIT {

  private static final String PREFIX = "checkpoints.";

  private static EmbeddedKafka kafka;
  private static KafkaClientFactory clients;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(Topics.INGEST_CHECKPOINTS, PREFIX, 2);
    clients = new KafkaClientFactory(kafka.bootstrapServers(), Map.of());
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static IngestCheckpoint checkpoint(String fileId, long rows, boolean done) {
    return new IngestCheckpoint(
        IngestCheckpoint.SCHEMA,
        fileId,
        fileId + ".csv",
        rows,
        rows + 1,
        rows * 100,
        done,
        Instant.now());
  }

  @Test
  void theLatestCommittedCheckpointOfEachFileWinsAndAbortedOnesAndTombstonesDoNot() {
    String topic = Topics.INGEST_CHECKPOINTS.name(PREFIX);
    try (KafkaProducer<String, IngestCheckpoint> producer =
        clients.producer(
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "checkpoint-reader-it"),
            Topics.INGEST_CHECKPOINTS.keySerde().serializer(),
            Topics.INGEST_CHECKPOINTS.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "a", checkpoint("a", 5_000, false)));
      producer.send(new ProducerRecord<>(topic, "a", checkpoint("a", 10_000, false)));
      producer.send(new ProducerRecord<>(topic, "b", checkpoint("b", 7_000, true)));
      producer.send(new ProducerRecord<>(topic, "gone", checkpoint("gone", 1_000, false)));
      producer.send(new ProducerRecord<>(topic, "gone", null));
      producer.commitTransaction();

      // A crashed run's batch that never committed: its rows were never published either.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "a", checkpoint("a", 15_000, false)));
      producer.flush();
      producer.abortTransaction();
    }

    Map<String, IngestCheckpoint> latest =
        CheckpointReader.readAll(clients, PREFIX, Duration.ofSeconds(30));

    assertThat(latest).containsOnlyKeys("a", "b");
    assertThat(latest.get("a").rows()).isEqualTo(10_000);
    assertThat(latest.get("a").done()).isFalse();
    assertThat(latest.get("b").done()).isTrue();
  }
}
