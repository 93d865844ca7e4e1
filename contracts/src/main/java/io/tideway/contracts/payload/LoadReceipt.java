package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.Map;

/**
 * Proof that MongoDB acknowledged one loader batch, on {@code tideway.load-receipts}. Published in
 * the same Kafka transaction as the consumer offsets it covers, so a receipt exists exactly once
 * per committed batch; readers still ignore a (partition, offset range) they have already counted.
 *
 * @param schema the version of each {@code matchedDigest} (see {@code DigestVersion}): 3 since
 *     digest v3, 2 a digest v2, 1 a digest v1
 * @param fromOffset first offset of the batch on the cleaned topic, inclusive
 * @param toOffset last offset of the batch, inclusive
 */
public record LoadReceipt(
    int schema,
    String topic,
    int partition,
    long fromOffset,
    long toOffset,
    Map<String, FileLoad> files,
    Instant at) {

  /** Schema written now: its matched digests are v3. */
  public static final int SCHEMA = 3;

  /** The record key, unique per batch. */
  public String key() {
    return topic + "/" + partition + "/" + fromOffset + "-" + toOffset;
  }

  /**
   * What the batch did for one file.
   *
   * @param inserted documents now stored with this file as their source (including re-writes of
   *     documents this same file had already stored before a crash)
   * @param matched documents already present from another file, left untouched
   * @param failed documents MongoDB refused permanently (sent to {@code tideway.rejected})
   * @param matchedDigest content digest of the matched documents, so the verifier can subtract them
   */
  public record FileLoad(long inserted, long matched, long failed, String matchedDigest) {}
}
