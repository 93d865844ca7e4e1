package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.List;

/**
 * A file lifecycle event on {@code tideway.files}. Counts are set from STARTED on (0 before),
 * {@code sha256}/{@code bytes}/{@code header} on COMPLETED, {@code reason} on FAILED.
 */
public record FileEvent(
    int schema,
    FileEventType type,
    String fileId,
    String fileName,
    String mapping,
    String source,
    long rows,
    long bytes,
    String sha256,
    List<String> header,
    Double rowsPerS,
    String reason,
    Instant at) {

  public static final int SCHEMA = 1;

  /** An event without counts, for DISCOVERED and STARTED. */
  public static FileEvent of(
      FileEventType type, String fileId, String fileName, String mapping, String source) {
    return new FileEvent(
        SCHEMA,
        type,
        fileId,
        fileName,
        mapping,
        source,
        0,
        0,
        null,
        null,
        null,
        null,
        Instant.now());
  }
}
