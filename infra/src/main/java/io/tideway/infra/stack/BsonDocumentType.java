package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores a document in the MVStore as its BSON bytes. The MVStore's default type falls back to Java
 * serialization for documents (a new object stream, class descriptors and all, per value), and it
 * rewrites every document of each page a commit touches: that serialization was most of the on-disk
 * store's time (docs/BENCHMARKS.md).
 */
final class BsonDocumentType extends BasicDataType<Document> {

  static final BsonDocumentType INSTANCE = new BsonDocumentType();

  /** One growing buffer per writing thread, so a commit does not allocate one per document. */
  private static final ThreadLocal<ByteBuf> ENCODE_BUFFER =
      ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

  private BsonDocumentType() {}

  @Override
  public int getMemory(Document document) {
    return 64 + estimate(document);
  }

  /** A rough in-memory size, cheap enough to run on every put (used for page splits and cache). */
  private static int estimate(Object value) {
    if (value instanceof Map<?, ?> map) {
      int size = 48;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size += 40 + 2 * e.getKey().toString().length() + estimate(e.getValue());
      }
      return size;
    }
    if (value instanceof Collection<?> list) {
      int size = 32;
      for (Object o : list) {
        size += 8 + estimate(o);
      }
      return size;
    }
    if (value instanceof CharSequence s) {
      return 48 + 2 * s.length();
    }
    return 24;
  }

  @Override
  public void write(WriteBuffer buff, Document document) {
    ByteBuf bytes = ENCODE_BUFFER.get();
    bytes.clear();
    BsonEncoder.encodeDocument(document, bytes);
    buff.put(bytes.array(), bytes.arrayOffset(), bytes.readableBytes());
  }

  @Override
  public Document read(ByteBuffer buff) {
    // A BSON document begins with its own length, little-endian.
    int length = buff.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
    ByteBuffer slice = buff.slice();
    slice.limit(length);
    buff.position(buff.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}
