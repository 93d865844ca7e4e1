package io.tideway.infra.stack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores a unique index's key (one value per indexed field) as BSON values. The MVStore's default
 * type Java-serializes such a key and, because it is not {@link Comparable}, compares two keys by
 * serializing both on every step of every B-tree search. Keys are equal here exactly when their
 * encodings are, as with the default type; strings, by far the most common key ({@code _id}), are
 * compared without encoding.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

  static final IndexKeyType INSTANCE = new IndexKeyType();

  /** Type byte of a field the document lacks (a sparse index's key); BSON never uses 0. */
  private static final byte MISSING = 0;

  /** BSON's type byte of a UTF-8 string. */
  private static final byte BSON_STRING = 2;

  private IndexKeyType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareValues(Object a, Object b) {
    int c = Byte.compare(typeOf(a), typeOf(b));
    if (c != 0) {
      return c;
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa.compareTo(sb);
    }
    if (a instanceof Missing) {
      return 0;
    }
    return ByteBuffer.wrap(encode(a)).compareTo(ByteBuffer.wrap(encode(b)));
  }

  private static byte typeOf(Object value) {
    return value instanceof Missing ? MISSING : BsonEncoder.determineType(value);
  }

  private static byte[] encode(Object value) {
    ByteBuf buf = Unpooled.buffer(32);
    try {
      BsonEncoder.encodeValue(BsonEncoder.determineType(value), value, buf);
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      return bytes;
    } finally {
      buf.release();
    }
  }

  @Override
  public int getMemory(KeyValue key) {
    int size = 32;
    for (Object o : key) {
      size += o instanceof CharSequence s ? 48 + 2 * s.length() : 32;
    }
    return size;
  }

  @Override
  public void write(WriteBuffer buff, KeyValue key) {
    buff.putVarInt(key.size());
    for (Object value : key) {
      byte type = typeOf(value);
      buff.put(type);
      if (value instanceof String s) {
        // The common case (_id) without a BSON round trip: length in chars, then the chars.
        buff.putVarInt(s.length()).putStringData(s, s.length());
      } else if (type != MISSING) {
        byte[] bytes = encode(value);
        buff.putVarInt(bytes.length).put(bytes);
      }
    }
  }

  @Override
  public KeyValue read(ByteBuffer buff) {
    int size = DataUtils.readVarInt(buff);
    List<Object> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      byte type = buff.get();
      if (type == MISSING) {
        values.add(Missing.getInstance());
        continue;
      }
      if (type == BSON_STRING) {
        values.add(DataUtils.readString(buff));
        continue;
      }
      int length = DataUtils.readVarInt(buff);
      ByteBuffer slice = buff.slice();
      slice.limit(length);
      buff.position(buff.position() + length);
      values.add(BsonDecoder.decodeValue(type, Unpooled.wrappedBuffer(slice)));
    }
    return new KeyValue(values);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
