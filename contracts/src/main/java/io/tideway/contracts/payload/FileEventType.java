package io.tideway.contracts.payload;

/** Lifecycle of a file: ingest emits the first five; an operator rollback emits ROLLED_BACK. */
public enum FileEventType {
  DISCOVERED,
  STARTED,
  PROGRESS,
  COMPLETED,
  FAILED,
  /** An operator deleted the documents the file brought; {@code rows} = documents deleted. */
  ROLLED_BACK
}
