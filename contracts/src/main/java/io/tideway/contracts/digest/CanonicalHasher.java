package io.tideway.contracts.digest;

import io.tideway.contracts.json.ExtendedJsonWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bson.BsonDocument;

/**
 * Streams the canonical form of {@link ContentDigest#hash} as UTF-8 straight into SHA-256.
 *
 * <p>The canonical form is, by contract, what {@code BsonDocument.toJson} prints in Extended JSON
 * mode for a copy of the document with its keys sorted at every depth. Building that copy, the
 * String and its byte[] cost most of a hash, so {@link ExtendedJsonWriter} writes the same bytes,
 * sorted, into the digest. The tests keep the old code as a reference and compare the two on every
 * BSON type, every UTF-16 char and thousands of random documents.
 *
 * <p>Instances are mutable and used by one thread at a time; {@link #hash} keeps one per thread.
 */
final class CanonicalHasher {

  private static final ThreadLocal<CanonicalHasher> PER_THREAD =
      ThreadLocal.withInitial(CanonicalHasher::new);

  private final MessageDigest sha;
  private final ExtendedJsonWriter writer;

  private CanonicalHasher() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
    writer = ExtendedJsonWriter.streamingTo(sha::update);
  }

  /** First 8 bytes, big-endian, of the SHA-256 of the document's canonical form. */
  static long hash(BsonDocument document) {
    CanonicalHasher hasher = PER_THREAD.get();
    // Re-entry on one thread (a document whose accessors hash another) must not share the state.
    return (hasher.writer.isBusy() ? new CanonicalHasher() : hasher).digest(document);
  }

  private long digest(BsonDocument document) {
    // A previous call may have thrown half-way (too deep, a broken document): start clean.
    sha.reset();
    writer.write(document, true);
    byte[] sum = sha.digest();
    long hash = 0;
    for (int i = 0; i < 8; i++) {
      hash = hash << 8 | (sum[i] & 0xff);
    }
    return hash;
  }
}
