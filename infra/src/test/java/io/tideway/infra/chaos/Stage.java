package io.tideway.infra.chaos;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stage's progress on a file, read from the verifier's per-file entry, as a fraction of the
 * stage's total.
 */
public enum Stage {
  /** Rows ingest has read. */
  READ("read"),
  /** Rows the cleaner has decided: cleaned or duplicate. */
  CLEANED("cleaned"),
  /** Documents the loader has written. */
  LOADED("loaded");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Progress in [0, 1] given the file's expected rows and cleaned rows; 0 before the verifier knows
   * the file.
   */
  public double progress(JsonNode entry, long rows, long cleaned) {
    if (entry == null) {
      return 0;
    }
    return switch (this) {
      case READ -> entry.path("rows_read").asLong(0) / (double) rows;
      case CLEANED ->
          (entry.path("cleaned").asLong(0) + entry.path("duplicates").asLong(0)) / (double) rows;
      case LOADED ->
          (entry.path("inserted").asLong(0) + entry.path("matched").asLong(0)) / (double) cleaned;
    };
  }
}
