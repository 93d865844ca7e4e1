package io.tideway.contracts.payload;

import java.time.Instant;

/**
 * An alert opening or resolving, on {@code tideway.alerts}. Each alert id opens once and resolves
 * once; while open, it is announced again (state OPEN, new message) only when its finding changes.
 *
 * @param id stable for the condition, e.g. {@code MISMATCH/<file id>}
 */
public record Alert(
    int schema,
    String id,
    AlertType type,
    State state,
    Severity severity,
    String fileId,
    String message,
    Instant at) {

  public static final int SCHEMA = 1;

  /** The kinds of alert the verifier raises. */
  public enum AlertType {
    MISMATCH,
    STALLED,
    LAGGING,
    REJECT_RATE,
    NO_INPUT,
    SLOW,
    DLQ_GROWTH,
    /**
     * The MongoDB store lost its marker: it was reset or dropped; files that had documents need a
     * replay.
     */
    STORE_RESET,
    /** A FAILED file left documents in MongoDB (its partial load); added in schema 1. */
    PARTIAL_LOAD
  }

  /** Open or resolved. */
  public enum State {
    OPEN,
    RESOLVED
  }

  /** How urgently ops must act. */
  public enum Severity {
    WARNING,
    CRITICAL
  }
}
