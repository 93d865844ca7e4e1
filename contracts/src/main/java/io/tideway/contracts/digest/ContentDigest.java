package io.tideway.contracts.digest;

import org.bson.BsonDocument;

/**
 * The order-independent content digest of invariant 3: the sum, modulo 2^64, of a 64-bit hash of
 * each document's canonical form. The cleaner sums what it emits; the verifier sums what MongoDB
 * holds; equal sums of one {@link DigestVersion} mean the same multiset of documents with
 * overwhelming probability.
 */
public final class ContentDigest {

  private final DigestVersion version;
  private long sum;
  private long count;

  /** An empty digest of the {@link DigestVersion#CURRENT current} version. */
  public ContentDigest() {
    this(DigestVersion.CURRENT);
  }

  /** An empty digest of {@code version} (older ones only to verify files cleaned before it). */
  public ContentDigest(DigestVersion version) {
    this.version = version;
  }

  /** Adds one document. */
  public ContentDigest add(BsonDocument document) {
    sum += version.hash(document);
    count++;
    return this;
  }

  /** Adds a document hash computed elsewhere in this digest's version. */
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

  public DigestVersion version() {
    return version;
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
   * The current version's (v3) 64-bit hash of a document: keys sorted at every depth in its BSON
   * bytes, then XXH64. Safe to call from any thread.
   */
  public static long hash(BsonDocument document) {
    return DigestVersion.CURRENT.hash(document);
  }

  /**
   * {@link #hash} of a document given as its BSON bytes (what the cleaner publishes), without
   * parsing it.
   *
   * @throws org.bson.BsonSerializationException when {@code bson} is not one BSON document
   */
  public static long hashBson(byte[] bson) {
    return CanonicalHasher.hash(DigestVersion.CURRENT, bson, 0, bson.length);
  }
}
