package io.tideway.ingest.kafka;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the committed ingest checkpoints to the end: the latest one per file id. */
public final class CheckpointReader {

  private CheckpointReader() {}

  /**
   * Call after the transactional producer was initialised, so a zombie's open transaction is
   * aborted.
   */
  public static Map<String, IngestCheckpoint> readAll(
      KafkaClientFactory kafka, String topicPrefix, Duration timeout) {
    String topic = Topics.INGEST_CHECKPOINTS.name(topicPrefix);
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, IngestCheckpoint> latest = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        kafka.consumer(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), Json.fromBytes(r.value(), IngestCheckpoint.class));
          }
        }
      }
    }
    return latest;
  }
}
