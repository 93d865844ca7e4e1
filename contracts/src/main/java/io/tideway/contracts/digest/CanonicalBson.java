package io.tideway.contracts.digest;

import java.util.Arrays;
import org.bson.BsonSerializationException;

/**
 * The canonical BSON form of digest v2: the document's own BSON bytes with the elements of every
 * embedded document (at any depth, inside arrays and code-with-scope scopes too) sorted by key,
 * comparing the keys' UTF-8 bytes unsigned (that is, by code point). Arrays keep their order.
 * Values are copied byte for byte, so an int32 and an int64 of the same number, or Decimal128 1.5
 * and 1.50, stay different.
 *
 * <p>Sorting moves elements but adds or removes no byte, so the canonical form has the input's
 * length and every length prefix stays valid: the output is itself a BSON document.
 */
final class CanonicalBson {

  /** Deeper than MongoDB's own limit (100), shallow enough never to overflow the stack. */
  static final int MAX_DEPTH = 1024;

  private CanonicalBson() {}

  /**
   * Writes the canonical form of the BSON document {@code bson[offset..offset+length)} into {@code
   * out[0..length)}.
   *
   * @throws BsonSerializationException when the bytes are not a well-formed BSON document
   */
  static void canonicalize(byte[] bson, int offset, int length, byte[] out) {
    if (length < 5 || offset < 0 || offset + length > bson.length) {
      throw invalid("a document needs at least 5 bytes, found " + length);
    }
    if (readInt(bson, offset) != length) {
      throw invalid("the length prefix says " + readInt(bson, offset) + ", found " + length);
    }
    document(bson, offset, offset + length, out, 0, false, 0);
  }

  /** The canonical form as a new array (tests and tools; the hasher reuses a buffer). */
  static byte[] of(byte[] bson) {
    byte[] out = new byte[bson.length];
    canonicalize(bson, 0, bson.length, out);
    return out;
  }

  /**
   * Copies the document at {@code bson[start..end)} to {@code out[to..)}, its elements sorted by
   * key unless it is an array.
   */
  private static void document(
      byte[] bson, int start, int end, byte[] out, int to, boolean array, int depth) {
    if (depth >= MAX_DEPTH) {
      throw invalid("nested deeper than " + MAX_DEPTH + " documents");
    }
    if (bson[end - 1] != 0) {
      throw invalid("a document does not end with a 0 byte at " + (end - 1));
    }
    // Element i spans [starts[i], starts[i+1]) in the input; its key is bytes [starts[i]+1,
    // keyEnds[i]).
    int[] starts = new int[8];
    int[] keyEnds = new int[8];
    int count = 0;
    int at = start + 4;
    while (at < end - 1) {
      if (count == starts.length - 1) {
        starts = Arrays.copyOf(starts, count * 2 + 1);
        keyEnds = Arrays.copyOf(keyEnds, count * 2 + 1);
      }
      starts[count] = at;
      int keyEnd = cstringEnd(bson, at + 1, end);
      keyEnds[count] = keyEnd;
      at = keyEnd + 1 + valueLength(bson, bson[at], keyEnd + 1, end);
      count++;
    }
    if (at != end - 1) {
      throw invalid("an element runs past the end of its document at " + at);
    }
    starts[count] = at;
    Integer[] order = order(bson, starts, keyEnds, count, array);

    System.arraycopy(bson, start, out, to, 4);
    int w = to + 4;
    for (int k = 0; k < count; k++) {
      int i = order == null ? k : order[k];
      int from = starts[i];
      int valueStart = keyEnds[i] + 1;
      int headerLength = valueStart - from;
      System.arraycopy(bson, from, out, w, headerLength);
      w += headerLength;
      w = value(bson, bson[from], valueStart, starts[i + 1], out, w, depth);
    }
    out[w] = 0;
  }

  /** The order to write the elements in, or null when it is the input order. */
  private static Integer[] order(
      byte[] bson, int[] starts, int[] keyEnds, int count, boolean array) {
    if (array) {
      return null;
    }
    boolean sorted = true;
    for (int i = 1; i < count && sorted; i++) {
      sorted = compareKeys(bson, starts, keyEnds, i - 1, i) <= 0;
    }
    if (sorted) {
      return null;
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    // Stable: a key repeated in one document keeps its elements in input order.
    Arrays.sort(order, (a, b) -> compareKeys(bson, starts, keyEnds, a, b));
    return order;
  }

  private static int compareKeys(byte[] bson, int[] starts, int[] keyEnds, int a, int b) {
    return Arrays.compareUnsigned(bson, starts[a] + 1, keyEnds[a], bson, starts[b] + 1, keyEnds[b]);
  }

  /** Copies one value, canonicalising the documents in it; returns the next write position. */
  private static int value(
      byte[] bson, byte type, int start, int end, byte[] out, int to, int depth) {
    switch (type) {
      case 0x03, 0x04 -> {
        checkDocument(bson, start, end);
        document(bson, start, end, out, to, type == 0x04, depth + 1);
      }
      case 0x0F -> {
        // Code with scope: total length, code string, then the scope document.
        if (end - start < 14) {
          throw invalid("a code-with-scope value is too short at " + start);
        }
        int codeLength = readInt(bson, start + 4);
        if (codeLength < 1 || codeLength > end - start - 13) {
          throw invalid("a code-with-scope value's code runs past it at " + start);
        }
        int codeEnd = start + 4 + 4 + codeLength;
        System.arraycopy(bson, start, out, to, codeEnd - start);
        checkDocument(bson, codeEnd, end);
        document(bson, codeEnd, end, out, to + codeEnd - start, false, depth + 1);
      }
      default -> System.arraycopy(bson, start, out, to, end - start);
    }
    return to + end - start;
  }

  private static void checkDocument(byte[] bson, int start, int end) {
    if (end - start < 5 || readInt(bson, start) != end - start) {
      throw invalid("an embedded document's length does not match its bytes at " + start);
    }
  }

  /** Bytes of the value of {@code type} at {@code at}, checked to end before {@code end}. */
  private static int valueLength(byte[] bson, byte type, int at, int end) {
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

  private static int cstringEnd(byte[] bson, int at, int end) {
    for (int i = at; i < end; i++) {
      if (bson[i] == 0) {
        return i;
      }
    }
    throw invalid("a key or string has no terminating 0 byte after " + at);
  }

  private static int readInt(byte[] bson, int at) {
    return (bson[at] & 0xff)
        | (bson[at + 1] & 0xff) << 8
        | (bson[at + 2] & 0xff) << 16
        | (bson[at + 3] & 0xff) << 24;
  }

  private static BsonSerializationException invalid(String why) {
    return new BsonSerializationException("not a well-formed BSON document: " + why);
  }
}
