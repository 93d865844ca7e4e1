package io.tideway.contracts.digest;

import static io.tideway.contracts.bson.BsonElements.cstringEnd;
import static io.tideway.contracts.bson.BsonElements.invalid;
import static io.tideway.contracts.bson.BsonElements.readInt;
import static io.tideway.contracts.bson.BsonElements.valueLength;

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
    int[] order = order(bson, starts, keyEnds, count, array);

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
  private static int[] order(byte[] bson, int[] starts, int[] keyEnds, int count, boolean array) {
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
    // Binary insertion sort on plain ints (a document has tens of keys; boxing them for
    // Arrays.sort cost more than the comparisons). Stable: an element goes after every equal key
    // already placed, so a key repeated in one document keeps its elements in input order.
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      int lo = 0;
      int hi = i;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compareKeys(bson, starts, keyEnds, order[mid], i) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      System.arraycopy(order, lo, order, lo + 1, i - lo);
      order[lo] = i;
    }
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
}
