package io.tideway.contracts.payload;

import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.time.Instant;
import java.util.List;

/**
 * One record on {@code tideway.raw} (schema 2, binary through {@link RawRowSerde}), key = file id:
 * a file's {@link Kind#HEADER} once on every partition, then each {@link Kind#ROW} with its values
 * by column position, on the partition {@link #partition(int)} picks. Column names, file name and
 * mapping travel only on the header, so a row costs its values plus file id, row, line and time.
 *
 * @param schema {@link #SCHEMA} for records written by this version; 1 for a {@link RowEnvelope} of
 *     the previous version read from the topic (self-described: {@code columns} set)
 * @param row 1-based data row number within the file; 0 on a header
 * @param line 1-based physical line where the record starts (a header: the header's line)
 * @param values a row's untouched strings in header order (partial when {@code error} is set);
 *     empty on a header
 * @param error set when ingest could not split the row faithfully; the cleaner rejects it
 * @param ingestedAt when ingest read the record
 * @param fileName set on a header (and on a self-described row), null on a row
 * @param mapping set on a header (and on a self-described row), null on a row
 * @param columns the header's column names on a header; on a row null (the reader takes them from
 *     the file's header record), except on rows converted from schema 1, which name their columns
 * @param mappingVersion on a header, the version of {@code mapping} the file is cleaned with; 0
 *     when unknown (headers of earlier versions: the latest is used) and on rows
 */
public record RawRow(
    int schema,
    Kind kind,
    String fileId,
    long row,
    long line,
    List<String> values,
    RowError error,
    Instant ingestedAt,
    String fileName,
    String mapping,
    List<String> columns,
    int mappingVersion) {

  /** A record without a mapping version. */
  public RawRow(
      int schema,
      Kind kind,
      String fileId,
      long row,
      long line,
      List<String> values,
      RowError error,
      Instant ingestedAt,
      String fileName,
      String mapping,
      List<String> columns) {
    this(schema, kind, fileId, row, line, values, error, ingestedAt, fileName, mapping, columns, 0);
  }

  /** Schema of the records this version writes. */
  public static final int SCHEMA = 2;

  /** What a raw record is. */
  public enum Kind {
    /** The file's header: file name, mapping and column names, sent before its first row. */
    HEADER,
    /** One data row, values in the header's column order. */
    ROW
  }

  public RawRow {
    values = values == null ? List.of() : values;
  }

  /** The header record of a file, written in the transaction of its STARTED event. */
  public static RawRow header(
      String fileId, String fileName, String mapping, List<String> columns, Instant at) {
    return header(fileId, fileName, mapping, 0, columns, at);
  }

  /** The header record of a file cleaned with version {@code mappingVersion} of its mapping. */
  public static RawRow header(
      String fileId,
      String fileName,
      String mapping,
      int mappingVersion,
      List<String> columns,
      Instant at) {
    return new RawRow(
        SCHEMA,
        Kind.HEADER,
        fileId,
        0,
        1,
        List.of(),
        null,
        at,
        fileName,
        mapping,
        columns,
        mappingVersion);
  }

  /** A data row of a file whose header record was sent before it. */
  public static RawRow row(
      String fileId, long row, long line, List<String> values, RowError error, Instant at) {
    return new RawRow(SCHEMA, Kind.ROW, fileId, row, line, values, error, at, null, null, null);
  }

  /** A previous-version row, which carried its column names, as a self-described row. */
  public static RawRow of(RowEnvelope e) {
    // Old rows may hold JSON nulls: copies that keep them (List.copyOf would refuse).
    List<String> columns =
        e.values() == null ? List.of() : new java.util.ArrayList<>(e.values().keySet());
    List<String> values =
        e.values() == null ? List.of() : new java.util.ArrayList<>(e.values().values());
    return new RawRow(
        e.schema(),
        Kind.ROW,
        e.fileId(),
        e.row(),
        e.line(),
        values,
        e.error(),
        e.ingestedAt(),
        e.fileName(),
        e.mapping(),
        columns);
  }

  public boolean isHeader() {
    return kind == Kind.HEADER;
  }

  /**
   * The raw partition of a row among {@code partitions}, by its values: a file's rows spread over
   * every partition, so the cleaner cleans one file on all its threads, while identical rows share
   * a partition and so reach the dedup in file order (the earlier row is the one loaded). Values
   * are compared as the cleaner's text rules see them (case, surrounding and repeated white space
   * ignored), so rows that differ only in name casing or padding also keep their order; rows equal
   * only after other rules (a date written two ways) may not. A header goes to every partition
   * instead (each cleaner task needs it).
   */
  public int partition(int partitions) {
    int hash = error == null && !values.isEmpty() ? normalizedHash(values) : Long.hashCode(row);
    return Math.floorMod(hash, partitions);
  }

  /** A hash of the values lower-cased, stripped and with white space runs folded to one. */
  static int normalizedHash(List<String> values) {
    int h = 1;
    for (String v : values) {
      if (v != null) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (Character.isWhitespace(c)) {
            pendingSpace = started;
            continue;
          }
          if (pendingSpace) {
            h = 31 * h + ' ';
            pendingSpace = false;
          }
          h = 31 * h + Character.toLowerCase(c);
          started = true;
        }
      }
      h = 31 * h + 0x1f; // the separator: ["ab", ""] and ["a", "b"] differ
    }
    return h;
  }
}
