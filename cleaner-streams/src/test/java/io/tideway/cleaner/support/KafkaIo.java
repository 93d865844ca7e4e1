package io.tideway.cleaner.support;

import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawBlocker;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.Delivery;
import io.tideway.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Plain producer/consumer helpers for broker-backed tests; consumers read committed data only. */
public final class KafkaIo {

  private KafkaIo() {}

  /** Produces the rows as ingest does: each file's header record, then its rows by position. */
  public static void produceRaw(String bootstrap, String prefix, List<RowEnvelope> rows) {
    produce(bootstrap, prefix, new RawFeed().all(rows));
  }

  /**
   * Produces raw records where ingest puts them: headers on every partition, rows spread in blocks.
   */
  public static void produce(String bootstrap, String prefix, List<RawRow> rows) {
    // A file's header must reach each partition before its rows, and identical rows must keep file
    // order: the test producer's one request in flight lets no batch overtake another.
    Map<String, Object> cfg =
        EmbeddedKafka.producerConfig(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
    try (KafkaProducer<String, RawBlock> p =
        new KafkaProducer<>(
            cfg, Topics.RAW.keySerde().serializer(), Topics.RAW.valueSerde().serializer())) {
      String topic = Topics.RAW.name(prefix);
      int partitions = p.partitionsFor(topic).size();
      List<ProducerRecord<String, RawBlock>> records = new ArrayList<>();
      RawBlocker blocks =
          new RawBlocker(
              partitions,
              (partition, block) ->
                  records.add(new ProducerRecord<>(topic, partition, block.fileId(), block)));
      for (RawRow r : rows) {
        if (r.isHeader()) {
          blocks.flush();
          for (int i = 0; i < partitions; i++) {
            records.add(new ProducerRecord<>(topic, i, r.fileId(), RawBlock.of(r)));
          }
        } else {
          blocks.add(r);
        }
      }
      blocks.flush();
      Delivery.sendAll(p, records);
    }
  }

  /**
   * Reads the whole topic (read_committed) until {@code minRecords} arrived and the topic is quiet.
   */
  public static <V> List<ConsumerRecord<String, V>> readAll(
      String bootstrap, String prefix, Topic<V> topic, int minRecords, Duration timeout) {
    Map<String, Object> cfg =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c =
        new KafkaConsumer<>(
            cfg, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      c.subscribe(List.of(topic.name(prefix)));
      long deadline = System.nanoTime() + timeout.toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (out.size() < minRecords || emptyPolls < 3)) {
        int before = out.size();
        c.poll(Duration.ofMillis(300)).forEach(out::add);
        emptyPolls = out.size() == before ? emptyPolls + 1 : 0;
      }
    }
    if (out.size() < minRecords) {
      throw new AssertionError(
          "only " + out.size() + " of " + minRecords + " records on " + topic.name(prefix));
    }
    return out;
  }
}
