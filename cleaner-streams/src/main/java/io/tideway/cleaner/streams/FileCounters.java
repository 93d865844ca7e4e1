package io.tideway.cleaner.streams;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Running counters of one file in one partition (value of the counters store). */
public record FileCounters(
    String fileId,
    String fileName,
    int partition,
    long cleaned,
    long duplicates,
    long rejected,
    long digest,
    Map<String, Long> warnings,
    long updatedMs,
    FileQuality quality) {

  public FileCounters {
    warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
    quality = quality == null ? FileQuality.empty(null) : quality;
  }

  public static FileCounters empty(String fileId, String fileName, int partition) {
    return new FileCounters(fileId, fileName, partition, 0, 0, 0, 0L, Map.of(), 0L, null);
  }

  /** The same counters with one more row in the quality report (called once per counted row). */
  public FileCounters plusQuality(CleanOutcome row) {
    return new FileCounters(fileId, fileName, partition, cleaned, duplicates, rejected, digest, warnings, updatedMs,
        quality.plus(row));
  }

  /** The quality report of this file and partition; {@code template} names the mapping's columns. */
  public QualityReport toQuality(long now, List<QualityReport.ColumnQuality> template) {
    return new QualityReport(QualityReport.SCHEMA, fileId, fileName, quality.mapping(), partition,
        cleaned + duplicates + rejected, cleaned, duplicates, rejected, new TreeMap<>(quality.rejectsByRule()),
        new TreeMap<>(warnings), quality.columns(template), Instant.ofEpochMilli(now));
  }

  /** One more cleaned document: its content hash joins the digest, its warning codes are counted. */
  public FileCounters plusCleaned(long hash, List<String> codes, long now) {
    Map<String, Long> w = new TreeMap<>(warnings);
    codes.forEach(c -> w.merge(c, 1L, Long::sum));
    return new FileCounters(fileId, fileName, partition, cleaned + 1, duplicates, rejected, digest + hash, w, now,
        quality);
  }

  public FileCounters plusDuplicate(long now) {
    return new FileCounters(fileId, fileName, partition, cleaned, duplicates + 1, rejected, digest, warnings, now,
        quality);
  }

  public FileCounters plusRejected(long now) {
    return new FileCounters(fileId, fileName, partition, cleaned, duplicates, rejected + 1, digest, warnings, now,
        quality);
  }

  public CleanStats toStats(long now) {
    return new CleanStats(CleanStats.SCHEMA, fileId, fileName, partition, cleaned, duplicates, rejected,
        ContentDigest.format(digest), new TreeMap<>(warnings), Instant.ofEpochMilli(now));
  }
}
