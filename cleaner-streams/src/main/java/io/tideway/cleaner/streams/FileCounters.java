package io.tideway.cleaner.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Running counters of one file in one partition (value of the counters store).
 *
 * @param duplicatesOf per other file id, rows of this file counted as duplicates of a document
 *     first seen there; left out of the stored JSON when empty (values written before it existed
 *     read as empty)
 * @param digestVersion the {@code DigestVersion} number of {@code digest}; 0 when it sums hashes of
 *     two versions (the cleaner was upgraded in the middle of the file); null in values written
 *     before digest v2, whose digest is v1
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> duplicatesOf,
    Integer digestVersion) {

  /** {@code digestVersion} of a digest that mixes versions. */
  static final int MIXED_DIGEST = 0;

  public FileCounters {
    warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
    quality = quality == null ? FileQuality.empty(null) : quality;
    duplicatesOf = duplicatesOf == null ? Map.of() : Map.copyOf(duplicatesOf);
  }

  public static FileCounters empty(String fileId, String fileName, int partition) {
    return new FileCounters(
        fileId,
        fileName,
        partition,
        0,
        0,
        0,
        0L,
        Map.of(),
        0L,
        null,
        Map.of(),
        DigestVersion.CURRENT.number());
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
        duplicatesOf,
        digestVersion);
  }

  /**
   * The quality report of this file and partition; {@code template} names the mapping's columns.
   */
  public QualityReport toQuality(long now, List<QualityReport.ColumnQuality> template) {
    return new QualityReport(
        QualityReport.SCHEMA,
        fileId,
        fileName,
        io.tideway.contracts.mapping.MappingRef.nameOf(quality.mapping()),
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
   * One more cleaned document: its content hash (current {@code DigestVersion}) joins the digest,
   * its warning codes are counted. Added to a digest of another version it makes the digest mixed.
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
        duplicatesOf,
        cleaned == 0 || Objects.equals(digestVersion, DigestVersion.CURRENT.number())
            ? DigestVersion.CURRENT.number()
            : MIXED_DIGEST);
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
        of,
        digestVersion);
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
        duplicatesOf,
        digestVersion);
  }

  public CleanStats toStats(long now) {
    // Schema N carries digest vN (counters kept from an older cleaner publish their own version);
    // a mixed digest cannot be stated, so it is left out.
    boolean mixed = digestVersion != null && digestVersion == MIXED_DIGEST;
    return new CleanStats(
        digestVersion == null
            ? DigestVersion.V1.number()
            : mixed ? CleanStats.SCHEMA : digestVersion,
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates,
        rejected,
        mixed ? null : ContentDigest.format(digest),
        new TreeMap<>(warnings),
        Instant.ofEpochMilli(now),
        new TreeMap<>(duplicatesOf));
  }
}
