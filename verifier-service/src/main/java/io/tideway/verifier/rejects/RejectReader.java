package io.tideway.verifier.rejects;

import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.verifier.kafka.TopicConsumers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads one file's rejected rows back from the topic, between the offsets the index holds. */
@Singleton
public class RejectReader {

  private final Supplier<Consumer<String, byte[]>> consumers;
  private final RejectIndex index;
  private final String topic;

  /** Reads {@code tideway.rejected} under the configured prefix. */
  @Inject
  public RejectReader(TopicConsumers consumers, RejectIndex index, TidewaySettings settings) {
    this(consumers::reader, index, Topics.REJECTED.name(settings.getTopicPrefix()));
  }

  RejectReader(Supplier<Consumer<String, byte[]>> consumers, RejectIndex index, String topic) {
    this.consumers = consumers;
    this.index = index;
    this.topic = topic;
  }

  /**
   * The file's rejects in row order, or empty when the topic did not give them all back within
   * {@code timeout} (the broker is down or slow).
   */
  public Optional<List<RejectedRow>> read(String fileId, Duration timeout) {
    List<RejectIndex.Span> spans = index.spans(fileId);
    if (spans.isEmpty()) {
      return Optional.of(List.of());
    }
    Map<TopicPartition, Long> lastOf = new HashMap<>();
    for (RejectIndex.Span s : spans) {
      lastOf.put(new TopicPartition(topic, s.partition()), s.last());
    }
    List<RejectedRow> rows = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (Consumer<String, byte[]> c = consumers.get()) {
      c.assign(lastOf.keySet());
      for (RejectIndex.Span s : spans) {
        c.seek(new TopicPartition(topic, s.partition()), s.first());
      }
      while (!lastOf.isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          return Optional.empty();
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          Long last = lastOf.get(new TopicPartition(r.topic(), r.partition()));
          if (last == null || r.offset() > last || r.value() == null) {
            continue;
          }
          RejectedRow row =
              Topics.REJECTED.valueSerde().deserializer().deserialize(topic, r.value());
          if (fileId.equals(row.fileId())) {
            rows.add(row);
          }
        }
        // A partition is done once the reader is past its last reject (aborted records and
        // transaction markers are skipped, so the position is the honest test, not a count).
        lastOf.entrySet().removeIf(e -> c.position(e.getKey()) > e.getValue());
        if (!lastOf.isEmpty()) {
          c.pause(c.assignment().stream().filter(tp -> !lastOf.containsKey(tp)).toList());
        }
      }
    }
    rows.sort(Comparator.comparingLong(RejectedRow::row).thenComparingLong(RejectedRow::line));
    return Optional.of(rows);
  }
}
