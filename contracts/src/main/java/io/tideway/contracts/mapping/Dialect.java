package io.tideway.contracts.mapping;

import io.tideway.contracts.csv.CsvFormat;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the files of one mapping are written: delimiter, quote, charset, which line holds the header,
 * and how decimal numbers are written. Every key is optional; an absent key keeps the ingest-wide
 * default (RFC 4180: comma, double quote, UTF-8, header on line 1, decimal point).
 *
 * @param delimiter one character, or {@code tab}
 * @param charset e.g. {@code UTF-8} (a BOM is skipped), {@code UTF-16} (needs a BOM), {@code
 *     windows-1252}, {@code ISO-8859-1}
 * @param headerRow 1-based record number of the header; the records before it (a preamble) are
 *     skipped
 * @param decimalSeparator {@code .} or {@code ,}: how decimal columns write their fraction
 * @param groupingSeparator thousands separator removed from decimal columns ({@code .}, {@code ,},
 *     {@code ' '} or {@code '}), none when absent
 */
public record Dialect(
    String delimiter,
    String quote,
    String charset,
    Integer headerRow,
    String decimalSeparator,
    String groupingSeparator) {

  /** No key set: every ingest default applies. */
  public static final Dialect DEFAULT = new Dialect(null, null, null, null, null, null);

  /** The delimiter as a character, or {@code fallback} when not set. */
  public char delimiterOr(char fallback) {
    return delimiter == null ? fallback : oneChar(delimiter);
  }

  /** The quote as a character, or {@code fallback} when not set. */
  public char quoteOr(char fallback) {
    return quote == null ? fallback : oneChar(quote);
  }

  /** The charset, or {@code fallback} when not set. */
  public Charset charsetOr(Charset fallback) {
    return charset == null ? fallback : Charset.forName(charset);
  }

  /** The 1-based header record number (1 when not set). */
  public int headerRowOr1() {
    return headerRow == null ? 1 : headerRow;
  }

  /** The decimal separator as a character ({@code .} when not set). */
  public char decimalChar() {
    return decimalSeparator == null ? '.' : oneChar(decimalSeparator);
  }

  /** The grouping separator as a character, or 0 when there is none. */
  public char groupingChar() {
    return groupingSeparator == null || groupingSeparator.isEmpty()
        ? 0
        : oneChar(groupingSeparator);
  }

  /** Whether the charset's files may begin with a UTF-16 BOM (they are transcoded to UTF-8). */
  public boolean isUtf16() {
    return charset != null && charset.toUpperCase(Locale.ROOT).startsWith("UTF-16");
  }

  /** The reader format: this dialect over the ingest-wide defaults. */
  public CsvFormat over(CsvFormat defaults) {
    char d = delimiterOr((char) defaults.delimiter());
    char q = quoteOr((char) defaults.quote());
    // UTF-16 files are transcoded to UTF-8 before the byte-level reader sees them.
    Charset cs = isUtf16() ? StandardCharsets.UTF_8 : charsetOr(defaults.charset());
    return CsvFormat.of(d, q, cs, defaults.maxRecordBytes());
  }

  /** Every problem of the dialect, each prefixed with {@code dialect.<key>}. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    checkChar(out, "delimiter", delimiter);
    checkChar(out, "quote", quote);
    if (charset != null) {
      try {
        Charset.forName(charset);
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        out.add(
            "dialect.charset '"
                + charset
                + "' is not a known charset (e.g. UTF-8, UTF-16, windows-1252, ISO-8859-1)");
      }
    }
    if (headerRow != null && headerRow < 1) {
      out.add("dialect.header_row must be 1 or more, got " + headerRow);
    }
    if (decimalSeparator != null
        && !decimalSeparator.equals(".")
        && !decimalSeparator.equals(",")) {
      out.add("dialect.decimal_separator must be '.' or ',', got '" + decimalSeparator + "'");
    }
    if (groupingSeparator != null
        && !groupingSeparator.isEmpty()
        && !List.of(".", ",", " ", "'").contains(groupingSeparator)) {
      out.add(
          "dialect.grouping_separator must be '.', ',', ' ' or \"'\", got '"
              + groupingSeparator
              + "'");
    }
    if (decimalSeparator != null && decimalSeparator.equals(groupingSeparator)) {
      out.add("dialect.decimal_separator and grouping_separator must differ");
    }
    if (out.isEmpty() && (delimiter != null || quote != null)) {
      char d = delimiterOr(',');
      char q = quoteOr('"');
      if (d == q) {
        out.add("dialect.delimiter and dialect.quote must differ");
      } else if (d > 127 || q > 127) {
        out.add("dialect.delimiter and dialect.quote must be ASCII characters");
      }
    }
    return out;
  }

  private static void checkChar(List<String> out, String key, String value) {
    if (value == null) {
      return;
    }
    if (!value.equalsIgnoreCase("tab") && value.length() != 1) {
      out.add(
          "dialect."
              + key
              + " must be one character (or tab), got '"
              + value
              + "'; quote it in YAML, e.g. \";\"");
    } else if (value.equals("\r") || value.equals("\n")) {
      out.add("dialect." + key + " cannot be a line break");
    }
  }

  private static char oneChar(String s) {
    return s.equalsIgnoreCase("tab") ? '\t' : s.charAt(0);
  }
}
