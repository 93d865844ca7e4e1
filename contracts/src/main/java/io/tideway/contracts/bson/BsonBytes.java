package io.tideway.contracts.bson;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The cleaned document as it travels on {@code tideway.cleaned} (schema 2) and inside the cleaner:
 * the BSON bytes MongoDB stores. The loader and the MongoDB Kafka Connector hand them to the driver
 * as they are; nothing on the way parses them.
 *
 * <p>Schema 1 of the topic carried canonical Extended JSON text. {@link #formatOf} tells the two
 * apart without a header: a BSON document starts with its own length (int32, little-endian) and
 * ends with a 0 byte; Extended JSON text starts with {@code '{'} and ends with {@code '}'}.
 */
public final class BsonBytes {

  /** Schema of {@code tideway.cleaned} values written by this version: raw BSON. */
  public static final int SCHEMA = 2;

  /** Schema of the previous version: canonical Extended JSON text. */
  public static final int SCHEMA_EXTENDED_JSON = 1;

  private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

  private BsonBytes() {}

  /** The BSON encoding of {@code document}, keys in the document's order. */
  public static byte[] write(BsonDocument document) {
    if (document instanceof RawBsonDocument raw) {
      return copy(raw);
    }
    return encode(
        writer ->
            CODEC.encode(
                writer,
                document,
                EncoderContext.builder().isEncodingCollectibleDocument(true).build()));
  }

  /**
   * The BSON encoding of a document whose fields {@code fields} writes, between the document's
   * start and end: for a caller that knows its document's shape and need not build it first.
   */
  public static byte[] write(Consumer<BsonWriter> fields) {
    return encode(
        writer -> {
          writer.writeStartDocument();
          fields.accept(writer);
          writer.writeEndDocument();
        });
  }

  /** What {@code body} writes, in this class's buffer. */
  private static byte[] encode(Consumer<BsonWriter> body) {
    BasicOutputBuffer buffer = new AsciiBulkBuffer(1024);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      body.accept(writer);
    }
    return buffer.toByteArray();
  }

  /** A document over {@code bytes} (not copied, not parsed until a field is read). */
  public static RawBsonDocument read(byte[] bytes) {
    return new RawBsonDocument(bytes);
  }

  /**
   * The schema a cleaned value was written in: {@link #SCHEMA} (BSON), {@link
   * #SCHEMA_EXTENDED_JSON}, or -1 when it is neither.
   */
  public static int formatOf(byte[] value) {
    if (value == null || value.length < 5) {
      return -1;
    }
    int length =
        (value[0] & 0xff)
            | (value[1] & 0xff) << 8
            | (value[2] & 0xff) << 16
            | (value[3] & 0xff) << 24;
    if (length == value.length && value[value.length - 1] == 0) {
      return SCHEMA;
    }
    if (value[0] == '{' && lastNonBlank(value) == '}') {
      return SCHEMA_EXTENDED_JSON;
    }
    return -1;
  }

  /**
   * A value of schema 1 (Extended JSON text) read into a document, for records written before
   * schema 2.
   */
  public static BsonDocument readExtendedJson(byte[] value) {
    return BsonDocument.parse(new String(value, StandardCharsets.UTF_8));
  }

  /**
   * The library's buffer, but an ASCII string (every key, and most cleaned values) is copied in one
   * step: the library writes strings a byte at a time, each with a capacity check, which was the
   * largest single item of the cleaner's stream threads (docs/BENCHMARKS.md). Any other string goes
   * the library's way.
   */
  static final class AsciiBulkBuffer extends BasicOutputBuffer {

    /** The bytes of the string being written, checked and copied in one pass. */
    private byte[] scratch = new byte[64];

    AsciiBulkBuffer(int initialSize) {
      super(initialSize);
    }

    @Override
    protected int writeCharacters(String str, boolean checkForNullCharacters) {
      int n = str.length();
      if (scratch.length < n) {
        scratch = new byte[Math.max(n, 2 * scratch.length)];
      }
      byte[] bytes = scratch;
      for (int i = 0; i < n; i++) {
        char c = str.charAt(i);
        if (c >= 0x80 || (c == 0 && checkForNullCharacters)) {
          return super.writeCharacters(str, checkForNullCharacters);
        }
        bytes[i] = (byte) c;
      }
      writeBytes(bytes, 0, n);
      writeByte(0);
      return n + 1;
    }
  }

  private static byte lastNonBlank(byte[] value) {
    int i = value.length - 1;
    while (i > 0 && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
      i--;
    }
    return value[i];
  }

  private static byte[] copy(RawBsonDocument raw) {
    var buffer = raw.getByteBuffer();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
