package io.tideway.contracts.mapping.infer;

import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.Dialect;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.NumberText;
import io.tideway.contracts.mapping.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Drafts a mapping for a CSV nobody described: dialect from the first bytes, field names from the
 * header, types from a sample of rows, one flat document per row stored in a collection named after
 * the mapping. Pure: same bytes and name, same mapping.
 */
public final class MappingInference {

  /** How much of a file is sampled. */
  public static final int SAMPLE_BYTES = 4 << 20;

  /** At most this many data rows are typed. */
  public static final int SAMPLE_ROWS = 20_000;

  /** The database inferred mappings write to, like the built-in ones. */
  public static final String DATABASE = "tideway";

  private MappingInference() {}

  /**
   * A drafted mapping, the header it was drafted from, and what a person should look at.
   *
   * @param notes per source column, why it stayed a string or what to check
   */
  public record Draft(
      Mapping mapping, List<String> header, int rowsSampled, Map<String, String> notes) {}

  /** The first {@link #SAMPLE_BYTES} bytes of a file (decompressed when its name ends in .gz). */
  public static Head head(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      byte[] buf = new byte[SAMPLE_BYTES];
      int n = 0;
      try {
        while (n < buf.length) {
          int r = in.read(buf, n, buf.length - n);
          if (r < 0) {
            return new Head(java.util.Arrays.copyOf(buf, n), true);
          }
          n += r;
        }
        return new Head(buf, in.read() < 0);
      } catch (IOException e) {
        if (n == 0) {
          throw e;
        }
        // A truncated gzip: what came before the break is a sample; the reading proper reports it.
        return new Head(java.util.Arrays.copyOf(buf, n), false);
      }
    }
  }

  /** The first bytes of a file; {@code complete} when they are the whole file. */
  public record Head(byte[] bytes, boolean complete) {}

  /**
   * The header a file has when read in {@code dialect} over the ingest {@code defaults}: what
   * ingest compares with a mapping's columns to choose it. Empty when the file has no header
   * record.
   */
  public static List<String> header(Head head, Dialect dialect, CsvFormat defaults) {
    CsvFormat format = dialect.over(defaults);
    String text;
    if (dialect.isUtf16()) {
      text = SniffedText.of(head.bytes(), head.complete()).text();
    } else {
      text = new String(head.bytes(), format.charset());
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
    }
    int headerRow = dialect.headerRowOr1();
    List<List<String>> records =
        SampleRecords.split(
            text, (char) format.delimiter(), (char) format.quote(), headerRow, head.complete());
    if (records.size() < headerRow) {
      // A sample that ends inside the header: the header is longer than the sample.
      return List.of();
    }
    return records.get(headerRow - 1).stream().map(String::strip).toList();
  }

  /** Drafts the mapping {@code name} from a file's first bytes. */
  public static Draft draft(Head head, String name, String fileName) {
    SniffedText text = SniffedText.of(head.bytes(), head.complete());
    DialectSniffer.Found found = DialectSniffer.sniff(text.text(), head.complete());
    List<List<String>> records =
        SampleRecords.split(
            text.text(),
            found.delimiter(),
            found.quote(),
            found.headerRow() + SAMPLE_ROWS,
            head.complete());
    List<String> header =
        records.size() < found.headerRow()
            ? List.of()
            : records.get(found.headerRow() - 1).stream().map(String::strip).toList();
    List<List<String>> rows =
        records.size() <= found.headerRow()
            ? List.of()
            : records.subList(found.headerRow(), records.size());
    List<List<String>> cells = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      List<String> column = new ArrayList<>();
      for (List<String> r : rows) {
        column.add(c < r.size() ? r.get(c) : "");
      }
      cells.add(column);
    }
    NumberConvention numbers = NumberConvention.of(cells, found.delimiter());
    List<String> targets = FieldNames.snakeCase(header);
    List<ColumnSpec> columns = new ArrayList<>();
    Map<String, String> notes = new java.util.LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String source = header.get(c);
      if (source.isEmpty() || header.indexOf(source) != c) {
        notes.put(
            source.isEmpty() ? "(column " + (c + 1) + ")" : source,
            source.isEmpty()
                ? "the header has no name for this column: it is not mapped"
                : "the header repeats this name: name the columns apart");
        continue;
      }
      ColumnSniffer.Guess g = ColumnSniffer.guess(cells.get(c), numbers.text());
      if (g.note() != null) {
        notes.put(source, g.note());
      }
      List<String> formats = g.formats();
      columns.add(
          new ColumnSpec(
              source,
              targets.get(c),
              g.type(),
              null,
              List.of(Transform.TRIM),
              null,
              null,
              formats.isEmpty() ? null : formats.get(0),
              formats.size() > 1 ? formats.subList(1, formats.size()) : null,
              g.nullValues().isEmpty() ? null : g.nullValues()));
    }
    Dialect dialect =
        new Dialect(
            found.delimiter() == ','
                ? null
                : found.delimiter() == '\t' ? "tab" : String.valueOf(found.delimiter()),
            null,
            text.charset().equals("UTF-8") ? null : text.charset(),
            found.headerRow() == 1 ? null : found.headerRow(),
            numbers.decimal() == '.' ? null : String.valueOf(numbers.decimal()),
            numbers.grouping() == 0 ? null : String.valueOf(numbers.grouping()));
    Mapping mapping =
        new Mapping(
            name,
            "Inferred from the header and first " + rows.size() + " rows of " + fileName,
            new Mapping.Target(DATABASE, name.replace('-', '_')),
            columns,
            null,
            null,
            null,
            dialect);
    return new Draft(mapping, header, rows.size(), notes);
  }

  /**
   * The decimal and grouping separators of a file's numbers: decimal comma when some column is all
   * numbers written with one ({@code 1.234,56}, {@code -12,5}) and no column writes a decimal point
   * that the comma convention cannot read; otherwise the decimal point, with comma grouping when
   * some column needs it ({@code 1,234.56}).
   */
  record NumberConvention(char decimal, char grouping) {

    NumberText text() {
      return new NumberText(decimal, grouping);
    }

    static NumberConvention of(List<List<String>> columns, char delimiter) {
      NumberText comma = new NumberText(',', '.');
      NumberText pointGrouped = new NumberText('.', ',');
      NumberText point = new NumberText('.', (char) 0);
      boolean commaDecimals = false;
      boolean pointDecimals = false;
      boolean commaGrouping = false;
      for (List<String> cells : columns) {
        List<String> values =
            cells.stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty() && !ColumnSniffer.NULL_TOKENS.contains(v))
                .toList();
        if (values.isEmpty()) {
          continue;
        }
        if (values.stream().allMatch(v -> comma.normalize(v) != null)
            && values.stream().anyMatch(v -> v.indexOf(',') >= 0)) {
          commaDecimals = true;
        }
        if (values.stream().allMatch(v -> point.normalize(v) != null)
            && values.stream().anyMatch(v -> v.indexOf('.') >= 0 && comma.normalize(v) == null)) {
          pointDecimals = true;
        }
        if (values.stream().allMatch(v -> pointGrouped.normalize(v) != null)
            && values.stream().anyMatch(v -> v.indexOf(',') >= 0)
            && values.stream().anyMatch(v -> point.normalize(v) == null)) {
          commaGrouping = true;
        }
      }
      // 12,345 reads both ways; a file that does not use the comma as delimiter is the one that
      // can write decimal commas unquoted, so there the comma is the decimal separator.
      if (commaDecimals && !pointDecimals && (!commaGrouping || delimiter != ',')) {
        return new NumberConvention(',', '.');
      }
      return new NumberConvention('.', commaGrouping ? ',' : (char) 0);
    }
  }
}
