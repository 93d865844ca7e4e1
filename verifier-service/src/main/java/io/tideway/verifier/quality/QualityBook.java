package io.tideway.verifier.quality;

import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.quality.QualityReports;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link QualityReport} per (file, cleaner partition) from {@code tideway.quality}; a
 * file's report is their sum ({@link QualityReports#merge}). Records are running, so the latest
 * wins.
 */
@Singleton
public class QualityBook {

  private final Map<String, Map<Integer, QualityReport>> latest = new ConcurrentHashMap<>();

  /** Records the latest report of one file in one partition, replacing the earlier one. */
  public void accept(QualityReport report) {
    if (report == null || report.fileId() == null) {
      return;
    }
    latest
        .computeIfAbsent(report.fileId(), k -> new ConcurrentHashMap<>())
        .put(report.partition(), report);
  }

  /**
   * The file's merged report, or an empty one (zeros) for a file the cleaner has not reported on
   * yet.
   */
  public QualityReport mergedOrEmpty(IntegrityEvent file) {
    return merged(file.fileId())
        .orElseGet(
            () ->
                new QualityReport(
                    QualityReport.SCHEMA,
                    file.fileId(),
                    file.fileName(),
                    file.mapping(),
                    QualityReports.ALL_PARTITIONS,
                    0,
                    0,
                    0,
                    0,
                    Map.of(),
                    Map.of(),
                    List.of(),
                    null));
  }

  /** The file's merged report, if any partition reported on it. */
  public Optional<QualityReport> merged(String fileId) {
    Map<Integer, QualityReport> parts = latest.get(fileId);
    if (parts == null || parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(QualityReports.merge(List.copyOf(parts.values())));
  }
}
