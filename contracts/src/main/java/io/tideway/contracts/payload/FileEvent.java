package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.List;

/**
 * A file lifecycle event on {@code tideway.files}. Counts are set from STARTED on (0 before),
 * {@code sha256}/{@code bytes}/{@code header} on COMPLETED, {@code reason} on FAILED.
 *
 * @param mappingVersion the version of {@code mapping} the file is cleaned with (tideway.mappings);
 *     0 when unknown (events of earlier versions)
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
    Instant at,
    int mappingVersion) {

  public static final int SCHEMA = 1;

  /** This event for version {@code version} of its mapping. */
  public FileEvent withMappingVersion(int version) {
    return new FileEvent(
        schema, type, fileId, fileName, mapping, source, rows, bytes, sha256, header, rowsPerS,
        reason, at, version);
  }

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
        Instant.now(),
        0);
  }
}
