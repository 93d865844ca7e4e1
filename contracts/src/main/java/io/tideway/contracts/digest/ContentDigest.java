package io.tideway.contracts.digest;

import org.bson.BsonDocument;

/**
 * The order-independent content digest of invariant 3: the sum, modulo 2^64, of a 64-bit hash of
 * each document's canonical form. The cleaner sums what it emits; the verifier sums what MongoDB
 * holds; equal sums mean the same multiset of documents with overwhelming probability.
 */
public final class ContentDigest {

  private long sum;
  private long count;

  /** Adds one document. */
  public ContentDigest add(BsonDocument document) {
    sum += hash(document);
    count++;
    return this;
  }

  /** Adds a document hash computed elsewhere with {@link #hash}. */
  public ContentDigest addHash(long hash) {
    sum += hash;
    count++;
    return this;
  }

  /** Adds another digest's sum (digests of disjoint sets combine by addition). */
  public ContentDigest addDigest(String hex) {
    sum += parse(hex);
    return this;
  }

  /** Removes another digest's sum, for documents counted on one side only. */
  public ContentDigest subtractDigest(String hex) {
    sum -= parse(hex);
    return this;
  }

  public long count() {
    return count;
  }

  /** The digest as 16 lowercase hex digits. */
  public String hex() {
    return format(sum);
  }

  public static String format(long value) {
    return String.format("%016x", value);
  }

  public static long parse(String hex) {
    return hex == null || hex.isEmpty() ? 0L : Long.parseUnsignedLong(hex, 16);
  }

  /** Sum of two hex digests. */
  public static String plus(String a, String b) {
    return format(parse(a) + parse(b));
  }

  /**
   * 64-bit hash of the canonical form: keys sorted at every depth, canonical Extended JSON (so an
   * int32 and an int64 of the same value differ), UTF-8, first 8 bytes of SHA-256. Persisted in
   * digests on topics, so the bytes hashed must never change; safe to call from any thread.
   */
  public static long hash(BsonDocument document) {
    return CanonicalHasher.hash(document);
  }
}
