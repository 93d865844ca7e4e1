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
 *
 * <p>An instance keeps its scratch arrays and the key orders of the layouts it sorted last: the
 * documents of one mapping repeat a handful of key sequences, and checking that a document's keys
 * are a remembered sequence takes one comparison per key where sorting them takes several. Used by
 * one thread at a time.
 */
final class CanonicalBson {

  /** Deeper than MongoDB's own limit (100), shallow enough never to overflow the stack. */
  static final int MAX_DEPTH = 1024;

  /** Key sequences remembered: a mapping's documents have one per embedded document. */
  private static final int LAYOUTS = 16;

  /** Per depth: where each element of the document being copied starts, and its key's end. */
  private int[][] starts = new int[8][];

  private int[][] keyEnds = new int[8][];

  private final Layout[] layouts = new Layout[LAYOUTS];

  /** The slot the next new layout replaces (round robin). */
  private int nextLayout;

  /**
   * A sorted key sequence: {@code keys} holds every key with its terminating 0 byte, in document
   * order; {@code order} the elements' canonical order.
   */
  private record Layout(int count, byte[] keys, int[] order) {}

  /**
   * Writes the canonical form of the BSON document {@code bson[offset..offset+length)} into {@code
   * out[0..length)}.
   *
   * @throws BsonSerializationException when the bytes are not a well-formed BSON document
   */
  void canonicalize(byte[] bson, int offset, int length, byte[] out) {
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
    new CanonicalBson().canonicalize(bson, 0, bson.length, out);
    return out;
  }

  /**
   * Copies the document at {@code bson[start..end)} to {@code out[to..)}, its elements sorted by
   * key unless it is an array.
   */
  private void document(
      byte[] bson, int start, int end, byte[] out, int to, boolean array, int depth) {
    if (depth >= MAX_DEPTH) {
      throw invalid("nested deeper than " + MAX_DEPTH + " documents");
    }
    if (bson[end - 1] != 0) {
      throw invalid("a document does not end with a 0 byte at " + (end - 1));
    }
    // Element i spans [starts[i], starts[i+1]) in the input; its key is bytes [starts[i]+1,
    // keyEnds[i]).
    if (depth >= this.starts.length) {
      this.starts = Arrays.copyOf(this.starts, Math.min(MAX_DEPTH, depth * 2));
      this.keyEnds = Arrays.copyOf(this.keyEnds, this.starts.length);
    }
    int[] starts = this.starts[depth];
    int[] keyEnds = this.keyEnds[depth];
    if (starts == null) {
      starts = new int[16];
      keyEnds = new int[16];
    }
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
    this.starts[depth] = starts;
    this.keyEnds[depth] = keyEnds;
    int[] order = array ? null : order(bson, starts, keyEnds, count);

    System.arraycopy(bson, start, out, to, 4);
    int w = to + 4;
    int k = 0;
    while (k < count) {
      int i = order == null ? k : order[k];
      int from = starts[i];
      if (holdsDocument(bson[from])) {
        int valueStart = keyEnds[i] + 1;
        System.arraycopy(bson, from, out, w, valueStart - from);
        w = value(bson, bson[from], valueStart, starts[i + 1], out, w + valueStart - from, depth);
        k++;
        continue;
      }
      // Elements without documents in them that follow each other in both orders are one run of
      // bytes: copied at once (per element, the copies were most of the canonical form's cost).
      int last = i;
      for (k++; k < count; k++) {
        int next = order == null ? k : order[k];
        if (next != last + 1 || holdsDocument(bson[starts[next]])) {
          break;
        }
        last = next;
      }
      System.arraycopy(bson, from, out, w, starts[last + 1] - from);
      w += starts[last + 1] - from;
    }
    out[w] = 0;
  }

  /** Whether a value of this type holds a document, whose keys are then sorted too. */
  private static boolean holdsDocument(byte type) {
    return type == 0x03 || type == 0x04 || type == 0x0F;
  }

  /** The order to write the elements in, or null when it is the input order. */
  private int[] order(byte[] bson, int[] starts, int[] keyEnds, int count) {
    boolean sorted = true;
    for (int i = 1; i < count && sorted; i++) {
      sorted = compareKeys(bson, starts, keyEnds, i - 1, i) <= 0;
    }
    if (sorted) {
      return null;
    }
    int keyBytes = 0;
    for (int i = 0; i < count; i++) {
      keyBytes += keyEnds[i] - starts[i];
    }
    for (Layout layout : layouts) {
      if (layout != null
          && layout.count() == count
          && layout.keys().length == keyBytes
          && sameKeys(bson, starts, keyEnds, count, layout.keys())) {
        return layout.order();
      }
    }
    int[] order = sort(bson, starts, keyEnds, count);
    byte[] keys = new byte[keyBytes];
    for (int i = 0, w = 0; i < count; i++) {
      int length = keyEnds[i] - starts[i];
      System.arraycopy(bson, starts[i] + 1, keys, w, length);
      w += length;
    }
    layouts[nextLayout] = new Layout(count, keys, order);
    nextLayout = (nextLayout + 1) % LAYOUTS;
    return order;
  }

  /**
   * Whether the document's keys, each with its 0 byte, are {@code keys} in sequence. Keys hold no 0
   * byte, so equal ranges that each end at a 0 byte are equal keys.
   */
  private static boolean sameKeys(
      byte[] bson, int[] starts, int[] keyEnds, int count, byte[] keys) {
    for (int i = 0, at = 0; i < count; i++) {
      int length = keyEnds[i] - starts[i];
      if (!Arrays.equals(bson, starts[i] + 1, keyEnds[i] + 1, keys, at, at + length)) {
        return false;
      }
      at += length;
    }
    return true;
  }

  /** The elements' order sorted by key. */
  private static int[] sort(byte[] bson, int[] starts, int[] keyEnds, int count) {
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

  /**
   * Copies a value that {@link #holdsDocument holds a document} (a document, an array, code with
   * scope), canonicalising the documents in it; returns the next write position. Other values are
   * copied in runs by {@link #document}.
   */
  private int value(byte[] bson, byte type, int start, int end, byte[] out, int to, int depth) {
    if (type != 0x0F) {
      checkDocument(bson, start, end);
      document(bson, start, end, out, to, type == 0x04, depth + 1);
      return to + end - start;
    }
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
    return to + end - start;
  }

  private static void checkDocument(byte[] bson, int start, int end) {
    if (end - start < 5 || readInt(bson, start) != end - start) {
      throw invalid("an embedded document's length does not match its bytes at " + start);
    }
  }
}
