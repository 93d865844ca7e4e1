package io.tideway.contracts.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bson.json.StrictJsonWriter;

/**
 * The bytes of {@code StrictCharacterStreamJsonWriter} without indentation: its separators, context
 * stack and string escaping, UTF-8 encoded into a buffer that is either drained into a {@link
 * ExtendedJsonWriter.Sink} when full or grown to hold the whole output.
 *
 * <p>It is the {@link StrictJsonWriter} that the settings' converters write into, so every type
 * they print comes out byte for byte as they print it. Used by one thread at a time.
 */
final class Utf8JsonOutput implements StrictJsonWriter {

  private static final int BUFFER_SIZE = 8192;

  // A buffer grown for a huge document is dropped afterwards rather than pinned to the thread.
  private static final int RETAINED_SIZE = 1 << 20;

  // Strings up to this length cannot overflow a fresh buffer, so they skip the per-char check.
  private static final int SHORT_STRING = (BUFFER_SIZE - 2) / 6;

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  // Per ASCII char: 0 to copy it, 'u' for a six-char backslash-u escape, else the second char of
  // its two-char escape.
  private static final byte[] ASCII_ESCAPE = new byte[128];

  // One bit per UTF-16 char, set when the JSON writer copies the char rather than escaping it.
  private static final long[] LITERAL = new long[(Character.MAX_VALUE + 1) / 64];

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (isLiteral((char) c)) {
        LITERAL[c >>> 6] |= 1L << c;
      }
    }
    for (int c = 0; c < 128; c++) {
      ASCII_ESCAPE[c] =
          switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            default -> isLiteral((char) c) ? 0 : (byte) 'u';
          };
    }
  }

  // What the Extended JSON converters for int32, int64 and date-time print around the decimal
  // digits.
  private static final byte[] INT32_OPEN = ascii("{\"$numberInt\": \"");
  private static final byte[] INT64_OPEN = ascii("{\"$numberLong\": \"");
  private static final byte[] DATE_OPEN = ascii("{\"$date\": {\"$numberLong\": \"");
  private static final byte[] CLOSE = ascii("\"}");
  private static final byte[] DATE_CLOSE = ascii("\"}}");

  /** Null when the output is kept whole in the buffer. */
  private final ExtendedJsonWriter.Sink sink;

  private byte[] buffer = new byte[BUFFER_SIZE];
  private int position;

  // StrictCharacterStreamJsonWriter's context stack (level 0 is the top level); converters open
  // objects of their own, so this runs deeper than the document.
  private boolean[] inArray = new boolean[16];
  private boolean[] hasElements = new boolean[16];
  private int level;

  Utf8JsonOutput(ExtendedJsonWriter.Sink sink) {
    this.sink = sink;
  }

  boolean isStreaming() {
    return sink != null;
  }

  /** Forgets whatever a previous write, perhaps one that threw half-way, left behind. */
  void reset() {
    position = 0;
    level = 0;
    hasElements[0] = false;
  }

  /** Hands the bytes still buffered to the sink. */
  void drain() {
    sink.write(buffer, 0, position);
    position = 0;
  }

  /** The whole output of a buffering instance, decoded. */
  String text() {
    return new String(buffer, 0, position, StandardCharsets.UTF_8);
  }

  /** Drops a buffer grown past what is worth keeping between documents. */
  void trim() {
    if (buffer.length > RETAINED_SIZE) {
      buffer = new byte[BUFFER_SIZE];
    }
  }

  // ---- StrictJsonWriter ----

  @Override
  public void writeName(String name) {
    if (hasElements[level]) {
      ensure(2);
      buffer[position++] = ',';
      buffer[position++] = ' ';
    }
    writeQuoted(name);
    ensure(2);
    buffer[position++] = ':';
    buffer[position++] = ' ';
  }

  @Override
  public void writeBoolean(boolean value) {
    beforeValue();
    writeUtf8(value ? "true" : "false");
  }

  @Override
  public void writeBoolean(String name, boolean value) {
    writeName(name);
    writeBoolean(value);
  }

  @Override
  public void writeNumber(String value) {
    beforeValue();
    writeUtf8(value);
  }

  @Override
  public void writeNumber(String name, String value) {
    writeName(name);
    writeNumber(value);
  }

  @Override
  public void writeString(String value) {
    beforeValue();
    writeQuoted(value);
  }

  @Override
  public void writeString(String name, String value) {
    writeName(name);
    writeString(value);
  }

  @Override
  public void writeRaw(String value) {
    beforeValue();
    writeUtf8(value);
  }

  @Override
  public void writeRaw(String name, String value) {
    writeName(name);
    writeRaw(value);
  }

  @Override
  public void writeNull() {
    beforeValue();
    writeUtf8("null");
  }

  @Override
  public void writeNull(String name) {
    writeName(name);
    writeNull();
  }

  @Override
  public void writeStartArray() {
    beforeValue();
    ensure(1);
    buffer[position++] = '[';
    push(true);
  }

  @Override
  public void writeStartArray(String name) {
    writeName(name);
    writeStartArray();
  }

  @Override
  public void writeStartObject() {
    beforeValue();
    ensure(1);
    buffer[position++] = '{';
    push(false);
  }

  @Override
  public void writeStartObject(String name) {
    writeName(name);
    writeStartObject();
  }

  @Override
  public void writeEndArray() {
    ensure(1);
    buffer[position++] = ']';
    level--;
  }

  @Override
  public void writeEndObject() {
    ensure(1);
    buffer[position++] = '}';
    level--;
  }

  @Override
  public boolean isTruncated() {
    return false;
  }

  private void beforeValue() {
    if (inArray[level] && hasElements[level]) {
      ensure(2);
      buffer[position++] = ',';
      buffer[position++] = ' ';
    }
    hasElements[level] = true;
  }

  private void push(boolean array) {
    level++;
    if (level == inArray.length) {
      inArray = Arrays.copyOf(inArray, level * 2);
      hasElements = Arrays.copyOf(hasElements, level * 2);
    }
    inArray[level] = array;
    hasElements[level] = false;
  }

  // ---- bytes ----

  /** What the int32 converter prints, without its boxing and Strings. */
  void writeInt32(int value) {
    writeWrappedNumber(INT32_OPEN, value, CLOSE);
  }

  /** What the int64 converter prints, without its boxing and Strings. */
  void writeInt64(long value) {
    writeWrappedNumber(INT64_OPEN, value, CLOSE);
  }

  /** What the date-time converter prints, without its boxing and Strings. */
  void writeDateTime(long value) {
    writeWrappedNumber(DATE_OPEN, value, DATE_CLOSE);
  }

  /**
   * {@code open}, the digits of Long.toString(value), {@code close}; a value, so after its
   * separator.
   */
  private void writeWrappedNumber(byte[] open, long value, byte[] close) {
    beforeValue();
    ensure(open.length + 20 + close.length);
    System.arraycopy(open, 0, buffer, position, open.length);
    position += open.length;
    if (value < 0) {
      buffer[position++] = '-';
    }
    // Digits of the magnitude, built as a negative number so that Long.MIN_VALUE needs no case.
    long negative = value < 0 ? value : -value;
    int digits = 1;
    for (long bound = -10; digits < 19 && negative <= bound; bound *= 10) {
      digits++;
    }
    for (int i = position + digits - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' - negative % 10);
      negative /= 10;
    }
    position += digits;
    System.arraycopy(close, 0, buffer, position, close.length);
    position += close.length;
  }

  /** A JSON string with StrictCharacterStreamJsonWriter's escaping, UTF-8 encoded. */
  private void writeQuoted(String s) {
    int n = s.length();
    if (n <= SHORT_STRING) {
      // Six bytes is the longest a char becomes (a backslash-u escape).
      ensure(6 * n + 2);
      // Plain ASCII, most of any document, is copied in a loop the JIT keeps in registers.
      byte[] bytes = buffer;
      int at = position;
      bytes[at++] = '"';
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (c >= 0x80 || ASCII_ESCAPE[c] != 0) {
          break;
        }
        bytes[at++] = (byte) c;
        i++;
      }
      position = at;
      for (; i < n; i++) {
        writeEscaped(s.charAt(i));
      }
    } else {
      ensure(1);
      buffer[position++] = '"';
      for (int i = 0; i < n; i++) {
        if (position > buffer.length - 6) {
          overflow(6);
        }
        writeEscaped(s.charAt(i));
      }
      ensure(1);
    }
    buffer[position++] = '"';
  }

  /** One char of a JSON string; the caller has made room for six bytes. */
  private void writeEscaped(char c) {
    if (c < 0x80) {
      byte escape = ASCII_ESCAPE[c];
      if (escape == 0) {
        buffer[position++] = (byte) c;
      } else if (escape == 'u') {
        writeUnicodeEscape(c);
      } else {
        buffer[position++] = '\\';
        buffer[position++] = escape;
      }
    } else if ((LITERAL[c >>> 6] & 1L << c) == 0) {
      writeUnicodeEscape(c);
    } else if (c < 0x800) {
      buffer[position++] = (byte) (0xc0 | c >> 6);
      buffer[position++] = (byte) (0x80 | c & 0x3f);
    } else {
      // Never a surrogate: those are escaped, so every literal char is a whole code point.
      buffer[position++] = (byte) (0xe0 | c >> 12);
      buffer[position++] = (byte) (0x80 | c >> 6 & 0x3f);
      buffer[position++] = (byte) (0x80 | c & 0x3f);
    }
  }

  private void writeUnicodeEscape(char c) {
    buffer[position++] = '\\';
    buffer[position++] = 'u';
    buffer[position++] = HEX[c >> 12];
    buffer[position++] = HEX[c >> 8 & 0xf];
    buffer[position++] = HEX[c >> 4 & 0xf];
    buffer[position++] = HEX[c & 0xf];
  }

  /**
   * Unescaped text, encoded exactly as String.getBytes(UTF_8) would (a lone surrogate becomes '?').
   * In Extended JSON mode only numbers and literals come here, all ASCII, so the text of a
   * buffering instance decodes back to the very chars written.
   */
  private void writeUtf8(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (position > buffer.length - 4) {
        overflow(4);
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        buffer[position++] = (byte) c;
      } else if (c < 0x800) {
        buffer[position++] = (byte) (0xc0 | c >> 6);
        buffer[position++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buffer[position++] = (byte) (0xf0 | cp >> 18);
        buffer[position++] = (byte) (0x80 | cp >> 12 & 0x3f);
        buffer[position++] = (byte) (0x80 | cp >> 6 & 0x3f);
        buffer[position++] = (byte) (0x80 | cp & 0x3f);
      } else if (Character.isSurrogate(c)) {
        buffer[position++] = '?';
      } else {
        buffer[position++] = (byte) (0xe0 | c >> 12);
        buffer[position++] = (byte) (0x80 | c >> 6 & 0x3f);
        buffer[position++] = (byte) (0x80 | c & 0x3f);
      }
    }
  }

  private void ensure(int bytes) {
    if (position + bytes > buffer.length) {
      overflow(bytes);
    }
  }

  /**
   * Makes room for {@code bytes} more: drains the buffer into the sink, or grows it when there is
   * none.
   */
  private void overflow(int bytes) {
    if (sink != null && bytes <= buffer.length) {
      drain();
    } else {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * StrictCharacterStreamJsonWriter's rule for copying a char into a string rather than escaping
   * it.
   */
  private static boolean isLiteral(char c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.SPACE_SEPARATOR,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
