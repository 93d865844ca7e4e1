package io.tideway.verifier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lag panel of an idle stack after a file was VERIFIED, against the in-process broker: a group
 * that consumed everything (its last records followed by transaction markers) is caught up with lag
 * 0; only a group that never committed has no offsets.
 */
class LagMonitorIT {

  private static final String TOPIC = "lagit.cleaned";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.admin().createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aGroupThatReadEverythingIsCaughtUpAndOneThatNeverCommittedHasNoOffsets() throws Exception {
    // Two transactions per partition, as ingest and the cleaner write: each ends with a marker.
    try (KafkaProducer<String, byte[]> producer = producer("lagit-writer")) {
      producer.initTransactions();
      for (int tx = 0; tx < 2; tx++) {
        producer.beginTransaction();
        for (int p = 0; p < 2; p++) {
          for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(TOPIC, p, "k" + i, new byte[] {1}));
          }
        }
        producer.commitTransaction();
      }
    }
    consumeAllAndCommitInTransaction("lagit-loader");

    LagMonitor monitor =
        new LagMonitor(
            kafka.admin(),
            List.of("lagit-loader", "lagit-never"),
            3,
            0,
            GapProbe.consumer(new KafkaClientFactory(kafka.bootstrapServers(), Map.of())));
    Instant t = Instant.now();
    for (int i = 0; i < 3; i++) {
      monitor.sample(t.plusSeconds(i));
    }
    GroupLag loader = group(monitor, "lagit-loader");
    GroupLag never = group(monitor, "lagit-never");

    System.err.println("lag after everything was read: " + loader);
    assertThat(loader.found()).as("the group committed offsets").isTrue();
    assertThat(loader.partitions()).hasSize(2);
    assertThat(loader.partitions())
        .allSatisfy(
            p -> {
              assertThat(p.committed()).as("past the last data record").isEqualTo(11);
              assertThat(p.end()).as("past the last marker").isEqualTo(12);
              assertThat(p.lag()).as("only a transaction marker is left: %s", p).isZero();
            });
    assertThat(loader.totalLag()).isZero();
    assertThat(loader.status()).isEqualTo(LagStatus.OK);
    assertThat(never.found()).isFalse();

    // What the panel showed before the gap was read: each partition's last marker counted as lag.
    LagMonitor blind = new LagMonitor(kafka.admin(), List.of("lagit-loader"), 3, 0);
    blind.sample(t);
    assertThat(group(blind, "lagit-loader").totalLag()).isEqualTo(2);
  }

  private static GroupLag group(LagMonitor monitor, String name) {
    return monitor.snapshot().stream()
        .filter(g -> g.group().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Reads every committed record and commits its offsets in a transaction, as the loader does. */
  private static void consumeAllAndCommitInTransaction(String group) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = producer(group + "-tx")) {
      producer.initTransactions();
      consumer.subscribe(List.of(TOPIC));
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int read = 0;
      while (read < 20 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          read++;
        }
      }
      assertThat(read).isEqualTo(20);
      producer.beginTransaction();
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    }
  }

  private static KafkaProducer<String, byte[]> producer(String transactionalId) {
    return new KafkaProducer<>(
        EmbeddedKafka.producerConfig(
            kafka.bootstrapServers(),
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId)),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
