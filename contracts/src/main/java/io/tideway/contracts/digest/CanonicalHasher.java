package io.tideway.contracts.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonSerializationException;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.json.StrictJsonWriter;

/**
 * Streams the canonical form of {@link ContentDigest#hash} as UTF-8 straight into SHA-256.
 *
 * <p>The canonical form is, by contract, what {@code BsonDocument.toJson} prints in Extended JSON
 * mode for a copy of the document with its keys sorted at every depth. Building that copy, the
 * String and its byte[] cost most of a hash, so this class writes the same bytes itself: the
 * traversal of {@code BsonDocumentCodec}/{@code JsonWriter}, the separators and string escaping of
 * {@code StrictCharacterStreamJsonWriter}, the Extended JSON wrappers of the commonest scalars,
 * and, for every other type, the very converters of the settings (handed this class as their
 * {@link StrictJsonWriter}). The tests keep the old code as a reference and compare the two on
 * every BSON type, every UTF-16 char and thousands of random documents.
 *
 * <p>Instances are mutable and used by one thread at a time; {@link #hash} keeps one per thread.
 */
final class CanonicalHasher implements StrictJsonWriter {

  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private static final ThreadLocal<CanonicalHasher> PER_THREAD = ThreadLocal.withInitial(CanonicalHasher::new);

  private static final Comparator<Map.Entry<String, BsonValue>> BY_KEY = Map.Entry.comparingByKey();

  // AbstractBsonWriter's limit and message, so a too-deep document fails exactly as it used to.
  private static final int MAX_DEPTH = CANONICAL.getMaxSerializationDepth();
  private static final String TOO_DEEP =
      "Maximum serialization depth exceeded (does the object being serialized have a circular reference?).";

  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

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
      ASCII_ESCAPE[c] = switch (c) {
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

  // What the Extended JSON converters for int32, int64 and date-time print around the decimal digits.
  private static final byte[] INT32_OPEN = ascii("{\"$numberInt\": \"");
  private static final byte[] INT64_OPEN = ascii("{\"$numberLong\": \"");
  private static final byte[] DATE_OPEN = ascii("{\"$date\": {\"$numberLong\": \"");
  private static final byte[] CLOSE = ascii("\"}");
  private static final byte[] DATE_CLOSE = ascii("\"}}");

  private static final int BUFFER_SIZE = 8192;

  private final MessageDigest sha;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;

  // StrictCharacterStreamJsonWriter's context stack (level 0 is the top level); converters open
  // objects of their own, so this runs deeper than the document.
  private boolean[] inArray = new boolean[16];
  private boolean[] hasElements = new boolean[16];
  private int level;

  // AbstractBsonWriter's serialization depth, which counts documents and arrays only.
  private int depth;

  // Entries of the documents being written, innermost last; each document sorts its own slice.
  @SuppressWarnings("unchecked")
  private Map.Entry<String, BsonValue>[] entries = new Map.Entry[64];
  private int entryCount;
  private int entryPeak;

  private boolean busy;

  private CanonicalHasher() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** First 8 bytes, big-endian, of the SHA-256 of the document's canonical form. */
  static long hash(BsonDocument document) {
    CanonicalHasher hasher = PER_THREAD.get();
    // Re-entry on one thread (a document whose accessors hash another) must not share the state.
    return (hasher.busy ? new CanonicalHasher() : hasher).digest(document);
  }

  private long digest(BsonDocument document) {
    busy = true;
    try {
      // A previous call may have thrown half-way (too deep, a broken document): start clean.
      sha.reset();
      position = 0;
      level = 0;
      hasElements[0] = false;
      depth = 0;
      entryCount = 0;
      writeDocument(document, true);
      sha.update(buffer, 0, position);
      byte[] sum = sha.digest();
      long hash = 0;
      for (int i = 0; i < 8; i++) {
        hash = hash << 8 | (sum[i] & 0xff);
      }
      return hash;
    } finally {
      // The thread outlives the document; do not keep its values reachable.
      Arrays.fill(entries, 0, entryPeak, null);
      entryPeak = 0;
      busy = false;
    }
  }

  // ---- BSON traversal, as BsonDocumentCodec and JsonWriter drive the JSON writer ----

  private void writeDocument(BsonDocument document, boolean sort) {
    enterBsonLevel();
    writeStartObject();
    if (sort) {
      writeSortedFields(document);
    } else {
      for (Map.Entry<String, BsonValue> e : document.entrySet()) {
        writeName(e.getKey());
        writeValue(e.getValue(), false);
      }
    }
    writeEndObject();
    depth--;
  }

  private void writeSortedFields(BsonDocument document) {
    int from = entryCount;
    for (Map.Entry<String, BsonValue> e : document.entrySet()) {
      if (entryCount == entries.length) {
        entries = Arrays.copyOf(entries, entryCount * 2);
      }
      entries[entryCount++] = e;
    }
    int to = entryCount;
    entryPeak = Math.max(entryPeak, to);
    // Stable, like the List.sort of the sorted copy this replaces.
    Arrays.sort(entries, from, to, BY_KEY);
    for (int i = from; i < to; i++) {
      Map.Entry<String, BsonValue> e = entries[i];
      // The sorted copy was a map: had an entry set repeated a key, its last value would have won.
      if (i + 1 < to && e.getKey().equals(entries[i + 1].getKey())) {
        continue;
      }
      writeName(e.getKey());
      writeValue(e.getValue(), true);
    }
    entryCount = from;
  }

  private void writeArray(BsonArray array, boolean sort) {
    enterBsonLevel();
    writeStartArray();
    for (BsonValue v : array) {
      writeValue(v, sort);
    }
    writeEndArray();
    depth--;
  }

  private void enterBsonLevel() {
    if (++depth > MAX_DEPTH) {
      throw new BsonSerializationException(TOO_DEEP);
    }
  }

  /** {@code sort} is false inside a JavaScript scope, which the sorted copy left untouched. */
  private void writeValue(BsonValue value, boolean sort) {
    switch (value.getBsonType()) {
      case DOCUMENT -> writeDocument(value.asDocument(), sort);
      case ARRAY -> writeArray(value.asArray(), sort);
      // The commonest types skip their converters' boxing and Strings but print what they print.
      case STRING -> writeString(value.asString().getValue());
      case NULL -> writeNull();
      case INT32 -> writeWrappedNumber(INT32_OPEN, value.asInt32().getValue(), CLOSE);
      case INT64 -> writeWrappedNumber(INT64_OPEN, value.asInt64().getValue(), CLOSE);
      case DATE_TIME -> writeWrappedNumber(DATE_OPEN, value.asDateTime().getValue(), DATE_CLOSE);
      case DECIMAL128 -> CANONICAL.getDecimal128Converter().convert(value.asDecimal128().getValue(), this);
      case DOUBLE -> CANONICAL.getDoubleConverter().convert(value.asDouble().getValue(), this);
      case BOOLEAN -> CANONICAL.getBooleanConverter().convert(value.asBoolean().getValue(), this);
      case OBJECT_ID -> CANONICAL.getObjectIdConverter().convert(value.asObjectId().getValue(), this);
      case BINARY -> CANONICAL.getBinaryConverter().convert(value.asBinary(), this);
      case REGULAR_EXPRESSION -> CANONICAL.getRegularExpressionConverter().convert(value.asRegularExpression(), this);
      case TIMESTAMP -> CANONICAL.getTimestampConverter().convert(value.asTimestamp(), this);
      case SYMBOL -> CANONICAL.getSymbolConverter().convert(value.asSymbol().getSymbol(), this);
      case JAVASCRIPT -> CANONICAL.getJavaScriptConverter().convert(value.asJavaScript().getCode(), this);
      case JAVASCRIPT_WITH_SCOPE -> writeJavaScriptWithScope(value.asJavaScriptWithScope());
      case DB_POINTER -> writeDbPointer(value.asDBPointer());
      case UNDEFINED -> CANONICAL.getUndefinedConverter().convert(null, this);
      case MIN_KEY -> CANONICAL.getMinKeyConverter().convert(null, this);
      case MAX_KEY -> CANONICAL.getMaxKeyConverter().convert(null, this);
      default -> throw new BsonSerializationException("Not a BSON value type: " + value.getBsonType());
    }
  }

  private void writeJavaScriptWithScope(BsonJavaScriptWithScope value) {
    // JsonWriter wraps code and scope in a document of its own, which counts towards the depth.
    enterBsonLevel();
    writeStartObject();
    writeName("$code");
    CANONICAL.getStringConverter().convert(value.getCode(), this);
    writeName("$scope");
    writeDocument(value.getScope(), false);
    writeEndObject();
    depth--;
  }

  private void writeDbPointer(BsonDbPointer value) {
    // JsonWriter has no converter setting for DBPointer; this is its Extended JSON form.
    writeStartObject();
    writeStartObject("$dbPointer");
    writeString("$ref", value.getNamespace());
    writeName("$id");
    CANONICAL.getObjectIdConverter().convert(value.getId(), this);
    writeEndObject();
    writeEndObject();
  }

  // ---- StrictJsonWriter, as StrictCharacterStreamJsonWriter prints without indentation ----

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

  /** {@code open}, the digits of Long.toString(value), {@code close}; a value, so after its separator. */
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
    ensure(1);
    buffer[position++] = '"';
    for (int i = 0, n = s.length(); i < n; i++) {
      // Six bytes is the longest a char becomes (a backslash-u escape).
      if (position > BUFFER_SIZE - 6) {
        flush();
      }
      char c = s.charAt(i);
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
    ensure(1);
    buffer[position++] = '"';
  }

  private void writeUnicodeEscape(char c) {
    buffer[position++] = '\\';
    buffer[position++] = 'u';
    buffer[position++] = HEX[c >> 12];
    buffer[position++] = HEX[c >> 8 & 0xf];
    buffer[position++] = HEX[c >> 4 & 0xf];
    buffer[position++] = HEX[c & 0xf];
  }

  /** Unescaped text, encoded exactly as String.getBytes(UTF_8) would (a lone surrogate becomes '?'). */
  private void writeUtf8(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (position > BUFFER_SIZE - 4) {
        flush();
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        buffer[position++] = (byte) c;
      } else if (c < 0x800) {
        buffer[position++] = (byte) (0xc0 | c >> 6);
        buffer[position++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
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
    if (position + bytes > BUFFER_SIZE) {
      flush();
    }
  }

  private void flush() {
    sha.update(buffer, 0, position);
    position = 0;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** StrictCharacterStreamJsonWriter's rule for copying a char into a string rather than escaping it. */
  private static boolean isLiteral(char c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
          Character.OTHER_NUMBER, Character.SPACE_SEPARATOR, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
