package io.tideway.ingest.pipeline;

import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as a read_committed consumer sees it right now. */
public final class TopicContents {

  private TopicContents() {}

  public static <V> List<ConsumerRecord<String, V>> read(
      String bootstrap, Topic<V> topic, String prefix) {
    String name = topic.name(prefix);
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          V value = topic.valueSerde().deserializer().deserialize(name, r.value());
          out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), value));
        }
      }
    }
    return out;
  }

  public static <V> List<V> values(String bootstrap, Topic<V> topic, String prefix) {
    return read(bootstrap, topic, prefix).stream().map(ConsumerRecord::value).toList();
  }

  /**
   * A file's records on the raw topic as the cleaner sees them: its header records (one per
   * partition, or more when a run resumed) and its rows in row order (they spread over the
   * partitions).
   */
  public record RawFile(List<RawRow> headers, List<RawRow> rows) {

    /** The file's header record (all of them carry the same columns). */
    public RawRow header() {
      return headers.get(0);
    }
  }

  /** The raw records of {@code fileId}. */
  public static RawFile rawFile(String bootstrap, String prefix, String fileId) {
    List<RawRow> all =
        values(bootstrap, Topics.RAW, prefix).stream()
            .flatMap(b -> b.rows().stream())
            .filter(r -> r.fileId().equals(fileId))
            .toList();
    return new RawFile(
        all.stream().filter(RawRow::isHeader).toList(),
        all.stream()
            .filter(r -> !r.isHeader())
            .sorted(Comparator.comparingLong(RawRow::row))
            .toList());
  }
}
