package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.Map;

/**
 * One CSV row on {@code tideway.raw}: the untouched strings by column name.
 *
 * @param row 1-based data row number within the file (the header is not a row; blank lines are not
 *     rows)
 * @param line 1-based physical line number where the record starts, for error messages
 * @param values column name to raw value, in header order; partial when {@code error} is set
 * @param error set when ingest could not split the record faithfully; the cleaner rejects it
 */
public record RowEnvelope(
    int schema,
    String fileId,
    String fileName,
    String mapping,
    long row,
    long line,
    Map<String, String> values,
    RowError error,
    Instant ingestedAt) {

  public static final int SCHEMA = 1;

  /**
   * A record-level problem found while reading the file (wrong field count, undecodable bytes, too
   * long).
   */
  public record RowError(String rule, String message) {}
}
