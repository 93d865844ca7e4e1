package io.tideway.infra.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.contracts.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything the verifier published about one file during a trial: every status on {@code
 * tideway.integrity} and every alert on {@code tideway.alerts}, read back from the broker. Polling
 * the API every half second can miss a MISMATCH that lasted less; the topics keep each one.
 */
public record VerdictLog(List<JsonNode> statuses, List<JsonNode> alerts) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads both topics from the start to their current end (committed records only). */
  public static VerdictLog read(String bootstrap, String topicPrefix, String fileId)
      throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<JsonNode> statuses = new ArrayList<>();
    List<JsonNode> alerts = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      for (var topic : List.of(Topics.INTEGRITY, Topics.ALERTS)) {
        String name = topic.name(topicPrefix);
        List<TopicPartition> partitions =
            consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(name, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end =
            new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        end.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (end.entrySet().stream()
            .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("could not read " + name + " to its end within 60 s");
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            JsonNode event = JSON.readTree(r.value());
            if (fileId.equals(event.path("file_id").asText())) {
              (topic == Topics.INTEGRITY ? statuses : alerts).add(event);
            }
          }
        }
      }
    }
    return new VerdictLog(statuses, alerts);
  }

  /**
   * What a trial that ends exact must never have published about its file: a MISMATCH status, or a
   * MISMATCH alert. One line each, with the numbers the verifier gave.
   */
  public List<String> falseAlarms() {
    List<String> found = new ArrayList<>();
    for (JsonNode s : statuses) {
      if ("MISMATCH".equals(s.path("status").asText())) {
        found.add("status MISMATCH " + s.path("problems"));
      }
    }
    for (JsonNode a : alerts) {
      if ("MISMATCH".equals(a.path("type").asText())) {
        found.add(
            "alert "
                + a.path("id").asText()
                + " "
                + a.path("state").asText()
                + ": "
                + a.path("message").asText());
      }
    }
    return found;
  }

  /**
   * The alert types raised for the file, in order ({@code STALLED, REJECT_RATE}), for the report.
   */
  public List<String> alertTypes() {
    return alerts.stream()
        .filter(a -> "OPEN".equals(a.path("state").asText()))
        .map(a -> a.path("type").asText())
        .distinct()
        .toList();
  }
}
