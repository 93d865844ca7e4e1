package io.tideway.contracts.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming RFC 4180 reader over bytes: quoted fields with delimiters, doubled quotes and line
 * breaks; CRLF, LF and CR; a UTF-8 BOM. It splits on bytes and decodes field by field, so it knows
 * the exact byte offset after every record (the resume point of a checkpoint) and holds at most one
 * record in memory.
 */
public final class CsvReader implements Closeable {

  public static final String RULE_TOO_LONG = "csv.record_too_long";
  public static final String RULE_UNTERMINATED = "csv.unterminated_quote";
  public static final String RULE_MALFORMED_QUOTE = "csv.malformed_quote";
  public static final String RULE_UNDECODABLE = "csv.undecodable";

  private static final int EOF = -1;
  private static final int CR = '\r';
  private static final int LF = '\n';

  private final InputStream in;
  private final CsvFormat format;
  private final int delimiter;
  private final int quote;
  private final CharsetDecoder decoder;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long offset;
  private long lines;

  private byte[] rec = new byte[1024];
  private int recLen;
  private int[] ends = new int[32];
  private int stored;
  private int fieldCount;
  private long recordBytes;
  private boolean tooLong;
  private String errorRule;
  private String errorMessage;

  public CsvReader(InputStream in, CsvFormat format) throws IOException {
    this.in = in;
    this.format = format;
    this.delimiter = format.delimiter() & 0xFF;
    this.quote = format.quote() & 0xFF;
    this.decoder =
        format
            .charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    if (format.isUtf8()
        && ensure(3)
        && buf[pos] == (byte) 0xEF
        && buf[pos + 1] == (byte) 0xBB
        && buf[pos + 2] == (byte) 0xBF) {
      pos += 3;
      offset += 3;
    }
  }

  /** Byte offset in the (decompressed) stream after the last record returned. */
  public long offset() {
    return offset;
  }

  /** Physical line breaks consumed so far, header and blank lines included. */
  public long lines() {
    return lines;
  }

  /**
   * Skips forward to a position saved by {@link #offset()}/{@link #lines()} after a record
   * boundary, to resume a file after a crash.
   */
  public void resumeAt(long byteOffset, long linesConsumed) throws IOException {
    if (byteOffset < offset) {
      throw new IllegalArgumentException(
          "cannot resume backwards: at " + offset + ", asked " + byteOffset);
    }
    while (offset < byteOffset) {
      if (pos == limit && !fill()) {
        throw new IOException(
            "file ends at byte " + offset + " before the checkpoint at byte " + byteOffset);
      }
      int n = (int) Math.min(limit - pos, byteOffset - offset);
      pos += n;
      offset += n;
    }
    lines = linesConsumed;
  }

  /** The next record, skipping blank lines, or null at the end of the stream. */
  public CsvRecord next() throws IOException {
    int c;
    while ((c = peek()) == CR || c == LF) {
      lineEnd(read());
    }
    if (c == EOF) {
      return null;
    }
    long startLine = lines + 1;
    startRecord();
    c = read();
    while (true) {
      if (c == quote) {
        c = readQuoted(startLine);
        if (c != delimiter && c != CR && c != LF && c != EOF) {
          error(
              RULE_MALFORMED_QUOTE,
              "line "
                  + (lines + 1)
                  + ": unexpected character after the closing quote of field "
                  + (fieldCount + 1));
          c = readUnquoted(c);
        }
      } else {
        c = readUnquoted(c);
      }
      endField();
      if (c != delimiter) {
        break;
      }
      c = read();
    }
    if (c != EOF) {
      lineEnd(c);
    }
    return build(startLine);
  }

  private int readUnquoted(int first) throws IOException {
    int c = first;
    while (c != delimiter && c != CR && c != LF && c != EOF) {
      append(c);
      c = read();
    }
    return c;
  }

  /** Reads a quoted field after its opening quote; returns the byte after the closing quote. */
  private int readQuoted(long startLine) throws IOException {
    while (true) {
      int c = read();
      if (c == EOF) {
        error(
            RULE_UNTERMINATED,
            "line "
                + startLine
                + ": quoted field "
                + (fieldCount + 1)
                + " is not closed before the end of the file");
        return EOF;
      }
      if (c == quote) {
        if (peek() != quote) {
          return read();
        }
        read();
      } else if (c == LF || (c == CR && peek() != LF)) {
        lines++;
      }
      append(c);
    }
  }

  private void lineEnd(int c) throws IOException {
    if (c == CR && peek() == LF) {
      read();
    }
    lines++;
  }

  private void startRecord() {
    recLen = 0;
    stored = 0;
    fieldCount = 0;
    recordBytes = 0;
    tooLong = false;
    errorRule = null;
    errorMessage = null;
  }

  private void append(int c) {
    if (tooLong || !countByte()) {
      return;
    }
    if (recLen == rec.length) {
      rec = Arrays.copyOf(rec, Math.min(rec.length * 2, format.maxRecordBytes()));
    }
    rec[recLen++] = (byte) c;
  }

  private void endField() {
    fieldCount++;
    if (tooLong || !countByte()) {
      return;
    }
    if (stored == ends.length) {
      ends = Arrays.copyOf(ends, ends.length * 2);
    }
    ends[stored++] = recLen;
  }

  /** Counts one byte of the record; false once the record passed the size limit. */
  private boolean countByte() {
    if (++recordBytes > format.maxRecordBytes()) {
      tooLong = true;
      return false;
    }
    return true;
  }

  private void error(String rule, String message) {
    if (errorRule == null) {
      errorRule = rule;
      errorMessage = message;
    }
  }

  private CsvRecord build(long startLine) {
    if (tooLong) {
      errorRule = RULE_TOO_LONG;
      errorMessage =
          "line " + startLine + ": record is longer than " + format.maxRecordBytes() + " bytes";
    }
    List<String> fields = new ArrayList<>(stored);
    int start = 0;
    for (int i = 0; i < stored; i++) {
      fields.add(decode(start, ends[i], startLine, i + 1));
      start = ends[i];
    }
    return new CsvRecord(startLine, fields, errorRule, errorMessage);
  }

  private String decode(int from, int to, long startLine, int field) {
    boolean ascii = true;
    for (int i = from; i < to && ascii; i++) {
      ascii = rec[i] >= 0;
    }
    if (ascii) {
      // Safe because the charset is ASCII-compatible (checked by CsvFormat), and much faster.
      return new String(rec, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(rec, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      error(
          RULE_UNDECODABLE,
          "line "
              + startLine
              + ": field "
              + field
              + " holds bytes that are not valid "
              + format.charset().name());
      return new String(rec, from, to - from, format.charset());
    }
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    offset++;
    return buf[pos++] & 0xFF;
  }

  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buf[pos] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      pos = 0;
      limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** Makes at least {@code n} bytes available in the buffer unless the stream ends first. */
  private boolean ensure(int n) throws IOException {
    while (limit - pos < n) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      }
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        return false;
      }
      limit += r;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
