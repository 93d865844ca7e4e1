package io.tideway.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters on /prometheus: rows sent, files completed and failed. */
public final class IngestMetrics {

  private final Counter rows;
  private final Counter completed;
  private final Counter failed;

  public IngestMetrics(MeterRegistry registry) {
    this.rows =
        Counter.builder("tideway.ingest.rows")
            .description("Rows committed to the raw topic")
            .register(registry);
    this.completed =
        Counter.builder("tideway.ingest.files")
            .tag("outcome", "completed")
            .description("Files ingested")
            .register(registry);
    this.failed =
        Counter.builder("tideway.ingest.files")
            .tag("outcome", "failed")
            .description("Files ingested")
            .register(registry);
  }

  void rowsCommitted(long n) {
    rows.increment(n);
  }

  void fileCompleted() {
    completed.increment();
  }

  void fileFailed() {
    failed.increment();
  }
}
