package io.tideway.verifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FileMetrics metrics = new FileMetrics(registry, 2);

  private static IntegrityEvent file(
      String id, FileStatus status, long rowsRead, long inserted, long nonconforming) {
    return new IntegrityEvent(
        IntegrityEvent.SCHEMA,
        id,
        id + ".csv",
        "m",
        status,
        rowsRead,
        inserted,
        5,
        1,
        inserted,
        0,
        0,
        inserted,
        nonconforming,
        null,
        null,
        List.of(),
        Instant.EPOCH,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private double gauge(String name, String fileId, String tag, String value) {
    var search = registry.find(name).tag("file_id", fileId);
    return (tag == null ? search : search.tag(tag, value)).gauge().value();
  }

  @Test
  void exportsTheCountsStatusAndProgressOfTheNewestFilesOnly() {
    metrics.update(
        List.of(
            file("new", FileStatus.INGESTING, 100, 44, 0),
            file("mid", FileStatus.MISMATCH, 1000, 994, 3),
            file("old", FileStatus.VERIFIED, 10, 4, 0)));

    assertThat(gauge("tideway.verifier.file.documents", "new", "count", "rows_read"))
        .isEqualTo(100);
    assertThat(gauge("tideway.verifier.file.documents", "new", "count", "in_mongo")).isEqualTo(44);
    assertThat(gauge("tideway.verifier.file.documents", "mid", "count", "nonconforming"))
        .isEqualTo(3);
    assertThat(gauge("tideway.verifier.file.status", "mid", "status", "MISMATCH")).isEqualTo(1);
    assertThat(gauge("tideway.verifier.file.progress", "new", null, null))
        .isEqualTo(0.5); // 44 + 5 + 1 of 100
    assertThat(registry.find("tideway.verifier.file.documents").tag("file_id", "old").gauges())
        .isEmpty();
  }

  @Test
  void aStatusChangeMovesTheOneAndFilesThatDropOutLoseTheirSeries() {
    metrics.update(List.of(file("a", FileStatus.INGESTING, 100, 10, 0)));
    metrics.update(
        List.of(
            file("b", FileStatus.INGESTED, 5, 0, 0), file("a", FileStatus.VERIFIED, 100, 94, 0)));
    assertThat(registry.find("tideway.verifier.file.status").tag("file_id", "a").gauges())
        .filteredOn(g -> g.value() == 1)
        .singleElement()
        .satisfies(g -> assertThat(g.getId().getTag("status")).isEqualTo("VERIFIED"));
    assertThat(gauge("tideway.verifier.file.status", "a", "status", "INGESTING")).isZero();
    assertThat(gauge("tideway.verifier.file.progress", "a", null, null)).isEqualTo(1.0);

    metrics.update(List.of());
    assertThat(registry.find("tideway.verifier.file.documents").gauges()).isEmpty();
  }
}
