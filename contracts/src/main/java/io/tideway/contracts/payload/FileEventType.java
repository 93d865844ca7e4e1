package io.tideway.contracts.payload;

/** Lifecycle of a file as seen by ingest. */
public enum FileEventType {
  DISCOVERED,
  STARTED,
  PROGRESS,
  COMPLETED,
  FAILED
}
