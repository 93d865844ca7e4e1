package io.tideway.loader.admin;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Whether ingest ever announced a file id on the files topic. A rollback of an id without documents
 * is accepted only for such a file (e.g. one whose rows were all duplicates), never for an id
 * nobody announced: rollbacks of unknown ids would otherwise be announced as ROLLED_BACK files.
 */
@Singleton
public class AnnouncedFiles {

  private final KafkaClientFactory kafka;
  private final String filesTopic;

  public AnnouncedFiles(KafkaClientFactory kafka, TidewaySettings settings) {
    this.kafka = kafka;
    this.filesTopic = Topics.FILES.name(settings.getTopicPrefix());
  }

  /**
   * True when the files topic holds a lifecycle event of {@code fileId} other than a rollback.
   * Reads the topic up to its end (a rare operator action); throws IllegalStateException when Kafka
   * does not answer within {@code timeout}.
   */
  public boolean contains(String fileId, Duration timeout) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "loader-announced-files");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, byte[]> consumer =
        kafka.consumer(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(filesTopic, timeout).stream()
              .map(i -> new TopicPartition(filesTopic, i.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the files topic "
                  + filesTopic
                  + " could not be read within "
                  + timeout.toSeconds()
                  + "s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (fileId.equals(r.key()) && r.value() != null) {
            FileEvent e = Json.fromBytes(r.value(), FileEvent.class);
            if (e.type() != FileEventType.ROLLED_BACK) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within " + timeout.toSeconds() + "s: " + e.getMessage());
    }
  }
}
