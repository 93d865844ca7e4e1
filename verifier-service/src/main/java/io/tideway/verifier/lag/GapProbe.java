package io.tideway.verifier.lag;

import io.tideway.runtime.kafka.KafkaClientFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether the records between a group's committed offset and the log end are only transaction
 * markers (or aborted records): what no consumer can read, so the group is caught up. Transactional
 * writers end every transaction with a marker the reading group never commits past.
 */
@FunctionalInterface
public interface GapProbe extends AutoCloseable {

  /** A probe that never looks: every gap counts as lag. */
  GapProbe NONE = (tp, from, end) -> false;

  /** True when a read_committed consumer from {@code from} reaches {@code end} reading nothing. */
  boolean nothingToRead(TopicPartition tp, long from, long end);

  @Override
  default void close() {}

  /**
   * A probe with its own read_committed consumer (no group: it commits nothing), made by the
   * service's one client factory.
   */
  static GapProbe consumer(KafkaClientFactory kafka) {
    return new ConsumerGapProbe(
        settings ->
            kafka.consumer(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  /** Reads the gap with a consumer created on first use; one thread at a time. */
  final class ConsumerGapProbe implements GapProbe {

    private static final Duration READ_FOR = Duration.ofSeconds(3);

    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> clients;
    private Consumer<byte[], byte[]> consumer;

    ConsumerGapProbe(Function<Map<String, Object>, Consumer<byte[], byte[]>> clients) {
      this.clients = clients;
    }

    @Override
    public synchronized boolean nothingToRead(TopicPartition tp, long from, long end) {
      if (consumer == null) {
        consumer =
            clients.apply(
                Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "tideway-verifier-lag-gap",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                    100));
      }
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      long deadline = System.nanoTime() + READ_FOR.toNanos();
      // The consumer moves its position past control batches without returning them.
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < end) {
            return false;
          }
        }
        if (consumer.position(tp, READ_FOR) >= end) {
          return true;
        }
      }
      return false; // not known within the time: counted as lag, never hidden
    }

    @Override
    public synchronized void close() {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(2));
        consumer = null;
      }
    }
  }
}
