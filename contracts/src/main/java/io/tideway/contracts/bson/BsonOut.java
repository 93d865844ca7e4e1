package io.tideway.contracts.bson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bson.BsonType;

/**
 * A BSON document written element by element into a growable array, for a caller that knows its
 * document's shape (the cleaner's {@code DocumentLayout}): names are given as ready cstrings, and
 * there is no writer state to check per element, which was about a fifth of a row's cleaning on C1
 * (docs/BENCHMARKS.md). Strings are encoded exactly as the bson library's buffer encodes them. Not
 * thread-safe; one per document.
 */
public final class BsonOut {

  private byte[] bytes = new byte[1024];
  private int size;

  /** {@code name} as a BSON cstring (UTF-8 and a closing 0), to be passed to {@link #name}. */
  public static byte[] cstring(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a BSON name cannot contain a 0 character: " + name);
    }
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1);
  }

  /** Starts a document (or an array's body); returns where, for {@link #end}. */
  public int start() {
    ensure(4);
    int at = size;
    size += 4;
    return at;
  }

  /** Ends the document started at {@code start}: its closing 0 and its length prefix. */
  public void end(int start) {
    ensure(1);
    bytes[size++] = 0;
    putInt(start, size - start);
  }

  /** An element's type and name; its value follows (none for null). */
  public void name(BsonType type, byte[] cstring) {
    ensure(1 + cstring.length);
    bytes[size++] = (byte) type.getValue();
    System.arraycopy(cstring, 0, bytes, size, cstring.length);
    size += cstring.length;
  }

  public void int32(int v) {
    ensure(4);
    putInt(size, v);
    size += 4;
  }

  public void int64(long v) {
    int32((int) v);
    int32((int) (v >>> 32));
  }

  public void bool(boolean v) {
    ensure(1);
    bytes[size++] = (byte) (v ? 1 : 0);
  }

  /**
   * A string value: its length, UTF-8 and a closing 0. A surrogate without its pair is written as
   * its own three bytes, as the bson library's buffer does (not as '?', as {@code getBytes} would).
   */
  public void string(String s) {
    int lengthAt = size;
    int32(0);
    int n = s.length();
    ensure(n + 1);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      bytes[size++] = (byte) c;
      i++;
    }
    while (i < n) {
      int c = Character.codePointAt(s, i);
      ensure(4);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xc0 + (c >> 6));
        bytes[size++] = (byte) (0x80 + (c & 0x3f));
      } else if (c < 0x10000) {
        bytes[size++] = (byte) (0xe0 + (c >> 12));
        bytes[size++] = (byte) (0x80 + ((c >> 6) & 0x3f));
        bytes[size++] = (byte) (0x80 + (c & 0x3f));
      } else {
        bytes[size++] = (byte) (0xf0 + (c >> 18));
        bytes[size++] = (byte) (0x80 + ((c >> 12) & 0x3f));
        bytes[size++] = (byte) (0x80 + ((c >> 6) & 0x3f));
        bytes[size++] = (byte) (0x80 + (c & 0x3f));
      }
      i += Character.charCount(c);
    }
    ensure(1);
    bytes[size++] = 0;
    putInt(lengthAt, size - lengthAt - 4);
  }

  /** The bytes written, in an array of their size. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** {@code v} little-endian at {@code at}, inside what is already allocated. */
  private void putInt(int at, int v) {
    bytes[at] = (byte) v;
    bytes[at + 1] = (byte) (v >>> 8);
    bytes[at + 2] = (byte) (v >>> 16);
    bytes[at + 3] = (byte) (v >>> 24);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
    }
  }
}
