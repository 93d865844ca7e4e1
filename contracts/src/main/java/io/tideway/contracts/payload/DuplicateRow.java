package io.tideway.contracts.payload;

import java.time.Instant;

/**
 * A row dropped because a row with the same dedup key came first, on {@code tideway.duplicates}.
 */
public record DuplicateRow(
    int schema,
    String fileId,
    String fileName,
    long row,
    String documentId,
    String firstFileId,
    long firstRow,
    Instant at) {

  public static final int SCHEMA = 1;
}
