package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.Map;

/**
 * Running counters of one file in one cleaner partition, on {@code tideway.clean-stats}. A file's
 * totals are the sum over partitions of the latest record of each (key = file id + partition).
 *
 * @param schema the version of {@code digest} (see {@code DigestVersion}): 3 since digest v3, 2 a
 *     digest v2, 1 a digest v1
 * @param digest order-independent content digest of the cleaned documents, see {@code
 *     ContentDigest}; null when it cannot be stated (a cleaner upgraded in the middle of the file
 *     summed hashes of both versions)
 * @param warnings count of rows flagged per warning code (e.g. {@code billing_amount.negative})
 * @param duplicatesOf per file id, the rows of this file counted as duplicates of a document first
 *     seen in that (other) file; duplicates within the file are not in it. Added in schema 1: null
 *     in records of older cleaners, which means unknown (read as none)
 */
public record CleanStats(
    int schema,
    String fileId,
    String fileName,
    int partition,
    long cleaned,
    long duplicates,
    long rejected,
    String digest,
    Map<String, Long> warnings,
    Instant updatedAt,
    Map<String, Long> duplicatesOf) {

  /** Schema written now: its digest is v3. */
  public static final int SCHEMA = 3;

  /** The same counters without {@code duplicates_of}, as cleaners before it wrote them. */
  public CleanStats(
      int schema,
      String fileId,
      String fileName,
      int partition,
      long cleaned,
      long duplicates,
      long rejected,
      String digest,
      Map<String, Long> warnings,
      Instant updatedAt) {
    this(
        schema,
        fileId,
        fileName,
        partition,
        cleaned,
        duplicates,
        rejected,
        digest,
        warnings,
        updatedAt,
        null);
  }

  /** The record key: one running record per file and partition. */
  public static String key(String fileId, int partition) {
    return fileId + "/" + partition;
  }
}
