package io.tideway.contracts.bson;

import org.bson.BsonSerializationException;

/**
 * Reading BSON elements in place, on the document's own bytes: where a key ends and how long a
 * value is, checked against the end of its document. Shared by the canonical form of the digest and
 * the shape check, which walk stored documents without decoding them.
 */
public final class BsonElements {

  private BsonElements() {}

  /** Bytes of the value of {@code type} at {@code at}, checked to end before {@code end}. */
  public static int valueLength(byte[] bson, byte type, int at, int end) {
    int length =
        switch (type) {
          case 0x01, 0x09, 0x11, 0x12 -> 8; // double, date, timestamp, int64
          case 0x02, 0x0D, 0x0E -> 4 + positive(bson, at, end); // string, code, symbol
          case 0x03, 0x04, 0x0F -> positive(bson, at, end); // document, array, code with scope
          case 0x05 -> 5 + positive(bson, at, end); // binary: length, subtype, bytes
          case 0x06, 0x0A, (byte) 0xFF, 0x7F -> 0; // undefined, null, min key, max key
          case 0x07 -> 12; // ObjectId
          case 0x08 -> 1; // boolean
          case 0x0B -> regexLength(bson, at, end);
          case 0x0C -> 4 + positive(bson, at, end) + 12; // DBPointer: namespace, ObjectId
          case 0x10 -> 4; // int32
          case 0x13 -> 16; // Decimal128
          default -> throw invalid(String.format("unknown BSON type 0x%02x at %d", type, at - 1));
        };
    if (length < 0 || at + length > end - 1) {
      throw invalid("a value runs past the end of its document at " + at);
    }
    return length;
  }

  private static int regexLength(byte[] bson, int at, int end) {
    int patternEnd = cstringEnd(bson, at, end);
    return cstringEnd(bson, patternEnd + 1, end) + 1 - at;
  }

  private static int positive(byte[] bson, int at, int end) {
    if (at + 4 > end) {
      throw invalid("a length runs past the end of its document at " + at);
    }
    int n = readInt(bson, at);
    if (n < 0) {
      throw invalid("negative length " + n + " at " + at);
    }
    return n;
  }

  /** Index of the 0 byte that ends the key or C string starting at {@code at}. */
  public static int cstringEnd(byte[] bson, int at, int end) {
    for (int i = at; i < end; i++) {
      if (bson[i] == 0) {
        return i;
      }
    }
    throw invalid("a key or string has no terminating 0 byte after " + at);
  }

  /** The little-endian int32 at {@code at}. */
  public static int readInt(byte[] bson, int at) {
    return (bson[at] & 0xff)
        | (bson[at + 1] & 0xff) << 8
        | (bson[at + 2] & 0xff) << 16
        | (bson[at + 3] & 0xff) << 24;
  }

  /** The error for bytes that are not a well-formed BSON document, saying why. */
  public static BsonSerializationException invalid(String why) {
    return new BsonSerializationException("not a well-formed BSON document: " + why);
  }
}
