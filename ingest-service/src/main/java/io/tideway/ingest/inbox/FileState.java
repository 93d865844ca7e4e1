package io.tideway.ingest.inbox;

/** Size and modification time of a file at one observation. */
public record FileState(long size, long modifiedMillis) {}
