package io.tideway.contracts.payload;

import java.time.Instant;

/**
 * How far ingest got in a file, on {@code tideway.ingest-checkpoints} (compacted, key = file id).
 * Written in the same Kafka transaction as the rows it covers, so after a crash ingest resumes
 * exactly after the last committed row.
 *
 * @param rows data rows committed so far
 * @param lines physical lines consumed so far (header included)
 * @param byteOffset position in the (decompressed) stream after the last committed record
 * @param done true once COMPLETED was committed
 */
public record IngestCheckpoint(
    int schema,
    String fileId,
    String fileName,
    long rows,
    long lines,
    long byteOffset,
    boolean done,
    Instant at) {

  public static final int SCHEMA = 1;
}
