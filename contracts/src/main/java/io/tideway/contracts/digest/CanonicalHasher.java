package io.tideway.contracts.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The hash of digests v2 and v3 over a document's {@link CanonicalBson canonical BSON}: v2 the
 * first 8 bytes, big-endian, of its SHA-256; v3 its XXH64 (seed 0). A {@link RawBsonDocument} (what
 * the loader and the verifier hold) is hashed from its bytes without being parsed; any other
 * document is encoded first.
 *
 * <p>Instances are mutable and used by one thread at a time; {@link #hash} keeps one per thread.
 */
final class CanonicalHasher {

  private static final ThreadLocal<CanonicalHasher> PER_THREAD =
      ThreadLocal.withInitial(CanonicalHasher::new);

  private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

  /** Stateless and thread-safe; the pure-Java one, as fast here as the native one. */
  private static final XXHash64 XXH64 = XXHashFactory.fastestJavaInstance().hash64();

  /** Made at this thread's first v2 hash: a thread that only hashes v3 needs none. */
  private MessageDigest sha;

  private byte[] canonical = new byte[1024];

  private final CanonicalBson canonicalBson = new CanonicalBson();

  private CanonicalHasher() {}

  /**
   * The {@code version} (v2 or v3) hash of the BSON document {@code bson[offset..offset+length)}.
   */
  static long hash(DigestVersion version, byte[] bson, int offset, int length) {
    return PER_THREAD.get().digest(version, bson, offset, length);
  }

  static long hash(DigestVersion version, BsonDocument document) {
    if (document instanceof RawBsonDocument raw) {
      var buffer = raw.getByteBuffer();
      if (buffer.asNIO().hasArray()) {
        return hash(
            version,
            buffer.array(),
            buffer.asNIO().arrayOffset() + buffer.position(),
            buffer.remaining());
      }
    }
    BasicOutputBuffer out = new BasicOutputBuffer(512);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
      CODEC.encode(writer, document, EncoderContext.builder().build());
    }
    return hash(version, out.getInternalBuffer(), 0, out.getPosition());
  }

  private long digest(DigestVersion version, byte[] bson, int offset, int length) {
    if (canonical.length < length) {
      canonical = new byte[Math.max(length, canonical.length * 2)];
    }
    canonicalBson.canonicalize(bson, offset, length, canonical);
    if (version == DigestVersion.V3) {
      return XXH64.hash(canonical, 0, length, 0L);
    }
    if (version != DigestVersion.V2) {
      throw new IllegalArgumentException("digest " + version + " does not hash canonical BSON");
    }
    byte[] sum = sha256(canonical, length);
    long hash = 0;
    for (int i = 0; i < 8; i++) {
      hash = hash << 8 | (sum[i] & 0xff);
    }
    return hash;
  }

  private byte[] sha256(byte[] bytes, int length) {
    if (sha == null) {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every JRE", e);
      }
    }
    sha.reset();
    sha.update(bytes, 0, length);
    return sha.digest();
  }
}
