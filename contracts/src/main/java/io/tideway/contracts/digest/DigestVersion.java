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

  /** SHA-256 of the canonical (key-sorted) BSON bytes, the bytes MongoDB stores; before v3. */
  V2(2),

  /**
   * XXH64 of the same canonical BSON bytes as v2; written now. As wide as v2's truncated SHA-256
   * and as good against accidental differences; on the services' quick JIT, where SHA-256 runs
   * without its CPU instructions, the hash costs a fifteenth and a document's digest, sorting
   * included, a third (docs/PAYLOADS.md, "Content digest").
   */
  V3(3);

  /** The version this code writes. */
  public static final DigestVersion CURRENT = V3;

  private final int number;

  DigestVersion(int number) {
    this.number = number;
  }

  /** 1, 2 or 3, as in messages ("digest v3"). */
  public int number() {
    return number;
  }

  /**
   * 64-bit hash of {@code document} in this version. Persisted in digests on topics, so the bytes
   * hashed must never change; safe to call from any thread.
   */
  public long hash(BsonDocument document) {
    return this == V1 ? ExtendedJsonHasher.hash(document) : CanonicalHasher.hash(this, document);
  }

  /** The version of {@link CleanStats#digest()}: schema N carries digest vN. */
  public static DigestVersion of(CleanStats stats) {
    return ofSchema(stats.schema());
  }

  /** The version of a receipt's {@code matched_digest}: schema N carries digest vN. */
  public static DigestVersion of(LoadReceipt receipt) {
    return ofSchema(receipt.schema());
  }

  private static DigestVersion ofSchema(int schema) {
    return switch (schema) {
      case 0, 1 -> V1;
      case 2 -> V2;
      default -> V3;
    };
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
