package io.tideway.contracts.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Dialect of a CSV file. The reader splits records on bytes, so the charset must encode the
 * delimiter, the quote, CR and LF as the same single bytes as ASCII (UTF-8, ISO-8859-x,
 * windows-125x).
 *
 * @param maxRecordBytes a record longer than this becomes an error row instead of filling the heap
 */
public record CsvFormat(byte delimiter, byte quote, Charset charset, int maxRecordBytes) {

  /** 1 MiB. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

  /** RFC 4180: comma, double quote, UTF-8. */
  public static final CsvFormat RFC4180 =
      of(',', '"', StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_BYTES);

  public CsvFormat {
    if (delimiter == quote) {
      throw new IllegalArgumentException("CSV delimiter and quote must differ");
    }
    if (delimiter == '\r' || delimiter == '\n' || quote == '\r' || quote == '\n') {
      throw new IllegalArgumentException("CSV delimiter and quote cannot be line breaks");
    }
    if (maxRecordBytes < 16) {
      throw new IllegalArgumentException(
          "max record bytes must be at least 16, got " + maxRecordBytes);
    }
  }

  /** Validates that the charset is byte-compatible with ASCII for the structural characters. */
  public static CsvFormat of(char delimiter, char quote, Charset charset, int maxRecordBytes) {
    String structural = "" + delimiter + quote + "\r\n";
    byte[] ascii = structural.getBytes(StandardCharsets.US_ASCII);
    if (delimiter > 127 || quote > 127 || !Arrays.equals(ascii, structural.getBytes(charset))) {
      throw new IllegalArgumentException(
          "CSV charset "
              + charset.name()
              + " with delimiter '"
              + delimiter
              + "' and quote '"
              + quote
              + "' is not supported: structural characters must be single ASCII bytes");
    }
    return new CsvFormat((byte) delimiter, (byte) quote, charset, maxRecordBytes);
  }

  boolean isUtf8() {
    return charset.equals(StandardCharsets.UTF_8);
  }
}
