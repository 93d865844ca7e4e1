package io.tideway.loader.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Prometheus meters: documents by outcome, batch latency, retries, and the Kafka consumer's own
 * metrics.
 */
@Singleton
public class LoaderMetrics {

  private final Counter inserted;
  private final Counter matched;
  private final Counter failed;
  private final Counter retries;
  private final Timer batchLatency;
  private final MeterRegistry registry;

  public LoaderMetrics(MeterRegistry registry) {
    this.registry = registry;
    inserted = documents(registry, "inserted");
    matched = documents(registry, "matched");
    failed = documents(registry, "failed");
    retries =
        Counter.builder("tideway.loader.retries")
            .description("Batch write attempts that failed retryably and were retried")
            .register(registry);
    batchLatency =
        Timer.builder("tideway.loader.batch.latency")
            .description("From the first write of a batch to its committed receipt")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  private static Counter documents(MeterRegistry registry, String outcome) {
    return Counter.builder("tideway.loader.documents")
        .tag("outcome", outcome)
        .description(
            "Documents by load outcome (inserted / matched = already present / failed = refused)")
        .register(registry);
  }

  /**
   * Records read from Kafka and not yet handed to MongoDB ({@code size} is read from the scrape's
   * thread: a gauge may be a moment stale).
   */
  public void pendingRecords(IntSupplier size) {
    Gauge.builder("tideway.loader.pending.records", size::getAsInt)
        .description("Records read from Kafka and not yet handed to MongoDB")
        .register(registry);
  }

  public void batch(long insertedCount, long matchedCount, long failedCount, Duration latency) {
    inserted.increment(insertedCount);
    matched.increment(matchedCount);
    failed.increment(failedCount);
    batchLatency.record(latency);
  }

  /**
   * Exports the consumer's client metrics (records consumed, lag) as {@code kafka_consumer_*};
   * close the result with the consumer so that its meters go too.
   */
  public AutoCloseable bind(Consumer<?, ?> consumer) {
    KafkaClientMetrics binder = new KafkaClientMetrics(consumer);
    binder.bindTo(registry);
    return binder;
  }

  public void retry() {
    retries.increment();
  }
}
