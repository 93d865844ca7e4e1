package io.tideway.contracts.digest;

import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.LoadReceipt;
import org.bson.BsonDocument;

/**
 * Which definition of a document's hash a content digest sums. Digests of two versions never
 * compare: a sum of one cannot be checked against, added to or subtracted from a sum of the other.
 * The {@code schema} of the record that carries a digest says its version ({@link #of(CleanStats)},
 * {@link #of(LoadReceipt)}).
 */
public enum DigestVersion {

  /** SHA-256 of the canonical (key-sorted) Extended JSON text; written by cleaners before v2. */
  V1(1),

  /** SHA-256 of the canonical (key-sorted) BSON bytes, the bytes MongoDB stores; written now. */
  V2(2);

  /** The version this code writes. */
  public static final DigestVersion CURRENT = V2;

  private final int number;

  DigestVersion(int number) {
    this.number = number;
  }

  /** 1 or 2, as in messages ("digest v2"). */
  public int number() {
    return number;
  }

  /**
   * 64-bit hash of {@code document} in this version. Persisted in digests on topics, so the bytes
   * hashed must never change; safe to call from any thread.
   */
  public long hash(BsonDocument document) {
    return this == V1 ? ExtendedJsonHasher.hash(document) : CanonicalHasher.hash(document);
  }

  /** The version of {@link CleanStats#digest()}: schema 1 wrote v1, schema 2 writes v2. */
  public static DigestVersion of(CleanStats stats) {
    return stats.schema() < CleanStats.SCHEMA ? V1 : V2;
  }

  /** The version of a receipt's {@code matched_digest}: schema 1 wrote v1, schema 2 writes v2. */
  public static DigestVersion of(LoadReceipt receipt) {
    return receipt.schema() < LoadReceipt.SCHEMA ? V1 : V2;
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
