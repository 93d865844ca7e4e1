package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.List;

/** A row that cannot be represented faithfully, with every reason, on {@code tideway.rejected}. */
public record RejectedRow(
    int schema,
    String fileId,
    String fileName,
    long row,
    long line,
    Stage stage,
    List<Reason> reasons,
    Instant at) {

  public static final int SCHEMA = 1;

  /** Where the row was refused. */
  public enum Stage {
    INGEST,
    CLEANER,
    LOADER
  }

  /**
   * One reason: which field broke which rule.
   *
   * @param value the raw value; topics may carry row contents, logs never do
   */
  public record Reason(String field, String rule, String value, String message) {}
}
