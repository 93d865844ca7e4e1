package io.tideway.cleaner.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running counters of one file in one partition (value of the counters store).
 *
 * @param duplicatesOf per other file id, rows of this file counted as duplicates of a document
 *     first seen there; left out of the stored JSON when empty (values written before it existed
 *     read as empty)
 */
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
    FileQuality quality,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> duplicatesOf) {

  public FileCounters {
    warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
    quality = quality == null ? FileQuality.empty(null) : quality;
    duplicatesOf = duplicatesOf == null ? Map.of() : Map.copyOf(duplicatesOf);
  }

  public static FileCounters empty(String fileId, String fileName, int partition) {
    return new FileCounters(fileId, fileName, partition, 0, 0, 0, 0L, Map.of(), 0L, null, Map.of());
  }

  /** The same counters with one more row in the quality report (called once per counted row). */
  public FileCounters plusQuality(CleanOutcome row) {
    return new FileCounters(
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates,
        rejected,
        digest,
        warnings,
        updatedMs,
        quality.plus(row),
        duplicatesOf);
  }

  /**
   * The quality report of this file and partition; {@code template} names the mapping's columns.
   */
  public QualityReport toQuality(long now, List<QualityReport.ColumnQuality> template) {
    return new QualityReport(
        QualityReport.SCHEMA,
        fileId,
        fileName,
        quality.mapping(),
        partition,
        cleaned + duplicates + rejected,
        cleaned,
        duplicates,
        rejected,
        new TreeMap<>(quality.rejectsByRule()),
        new TreeMap<>(warnings),
        quality.columns(template),
        Instant.ofEpochMilli(now));
  }

  /**
   * One more cleaned document: its content hash joins the digest, its warning codes are counted.
   */
  public FileCounters plusCleaned(long hash, List<String> codes, long now) {
    Map<String, Long> w = new TreeMap<>(warnings);
    codes.forEach(c -> w.merge(c, 1L, Long::sum));
    return new FileCounters(
        fileId,
        fileName,
        partition,
        cleaned + 1,
        duplicates,
        rejected,
        digest + hash,
        w,
        now,
        quality,
        duplicatesOf);
  }

  /**
   * One more duplicate row; {@code firstFileId} is the file where its document was first seen,
   * counted per file when it is another file (the verifier then checks that file still holds the
   * document).
   */
  public FileCounters plusDuplicate(String firstFileId, long now) {
    Map<String, Long> of = duplicatesOf;
    if (firstFileId != null && !firstFileId.equals(fileId)) {
      of = new TreeMap<>(duplicatesOf);
      of.merge(firstFileId, 1L, Long::sum);
    }
    return new FileCounters(
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates + 1,
        rejected,
        digest,
        warnings,
        now,
        quality,
        of);
  }

  public FileCounters plusRejected(long now) {
    return new FileCounters(
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates,
        rejected + 1,
        digest,
        warnings,
        now,
        quality,
        duplicatesOf);
  }

  public CleanStats toStats(long now) {
    return new CleanStats(
        CleanStats.SCHEMA,
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates,
        rejected,
        ContentDigest.format(digest),
        new TreeMap<>(warnings),
        Instant.ofEpochMilli(now),
        new TreeMap<>(duplicatesOf));
  }
}
