package io.tideway.verifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /prometheus} scraped while the publish cycle refreshes the per-file gauges (defect 8). */
class FileMetricsScrapeTest {

  private static final int FILES = 50;
  private static final int SCRAPES = 1_000;

  private static List<IntegrityEvent> files(long round) {
    List<IntegrityEvent> out = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      // Counts move every round; a few files change status, as files settle.
      FileStatus status = (round + i) % 7 == 0 ? FileStatus.VERIFIED : FileStatus.INGESTED;
      out.add(
          new IntegrityEvent(
              IntegrityEvent.SCHEMA,
              "f" + i,
              "f" + i + ".csv",
              "m",
              status,
              1000 + round,
              round,
              1,
              0,
              round,
              0,
              0,
              round,
              0L,
              null,
              null,
              List.of(),
              Instant.EPOCH,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    return out;
  }

  @Test
  void scrapesNeverFailWhileTheGaugesAreUpdated() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FileMetrics metrics = new FileMetrics(registry, FILES);
    metrics.update(files(0));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> updateFailure = new AtomicReference<>();
    Thread publisher =
        new Thread(
            () -> {
              long round = 1;
              try {
                while (!stop.get()) {
                  metrics.update(files(round++));
                }
              } catch (Throwable t) {
                updateFailure.set(t);
              }
            },
            "test-publisher");
    publisher.start();
    List<String> failures = new ArrayList<>();
    try {
      for (int i = 0; i < SCRAPES; i++) {
        try {
          String text = registry.scrape();
          assertThat(text).contains("tideway_verifier_file_documents");
        } catch (RuntimeException e) {
          failures.add(e.toString());
        }
      }
    } finally {
      stop.set(true);
      publisher.join();
    }
    assertThat(updateFailure.get()).isNull();
    assertThat(failures).as("scrapes that failed of " + SCRAPES).isEmpty();
  }

  @Test
  void gaugesFollowTheLatestValuesWithoutBeingReRegistered() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FileMetrics metrics = new FileMetrics(registry, FILES);
    metrics.update(files(1));
    var before =
        registry
            .find("tideway.verifier.file.documents")
            .tag("file_id", "f1")
            .tag("count", "in_mongo")
            .gauge();
    metrics.update(files(2));
    var after =
        registry
            .find("tideway.verifier.file.documents")
            .tag("file_id", "f1")
            .tag("count", "in_mongo")
            .gauge();
    assertThat(after).isSameAs(before);
    assertThat(after.value()).isEqualTo(2);
  }
}
