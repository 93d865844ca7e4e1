package io.tideway.verifier.ledger;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.verifier.reconcile.DigestBasis;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cleaner's side of each file: the latest {@link CleanStats} per (file, cleaner partition),
 * summed over partitions. Records are running counters, so only the latest one per key counts.
 */
public final class CleanerTotals {

  /**
   * A file's summed cleaner counters.
   *
   * @param duplicatesOf per other file, rows counted as duplicates of its documents (summed over
   *     partitions)
   * @param digestBasis the versions of the partitions' digests that sum documents
   */
  public record Sum(
      long cleaned,
      long duplicates,
      long rejected,
      String digest,
      String fileName,
      Map<String, Long> duplicatesOf,
      DigestBasis digestBasis) {
    static final Sum EMPTY =
        new Sum(0, 0, 0, ContentDigest.format(0), null, Map.of(), DigestBasis.NONE);

    public long accounted() {
      return cleaned + duplicates + rejected;
    }
  }

  private final Map<String, Map<Integer, CleanStats>> latest = new HashMap<>();

  /** Records the latest counters of one file in one partition (replacing the earlier record). */
  public void accept(CleanStats stats) {
    latest.computeIfAbsent(stats.fileId(), k -> new HashMap<>()).put(stats.partition(), stats);
  }

  public Sum of(String fileId) {
    Map<Integer, CleanStats> parts = latest.get(fileId);
    if (parts == null || parts.isEmpty()) {
      return Sum.EMPTY;
    }
    long cleaned = 0;
    long duplicates = 0;
    long rejected = 0;
    String digest = ContentDigest.format(0);
    String name = null;
    Map<String, Long> duplicatesOf = new TreeMap<>();
    DigestBasis basis = DigestBasis.NONE;
    for (CleanStats s : parts.values()) {
      // A partition without documents sums nothing: its zero digest is of any version.
      if (s.cleaned() > 0) {
        basis = s.digest() == null ? basis.withUnstated() : basis.withCleaner(DigestVersion.of(s));
      }
      if (s.duplicatesOf() != null) {
        s.duplicatesOf().forEach((first, rows) -> duplicatesOf.merge(first, rows, Long::sum));
      }
      cleaned += s.cleaned();
      duplicates += s.duplicates();
      rejected += s.rejected();
      digest = ContentDigest.plus(digest, s.digest());
      name = name == null ? s.fileName() : name;
    }
    return new Sum(cleaned, duplicates, rejected, digest, name, Map.copyOf(duplicatesOf), basis);
  }
}
