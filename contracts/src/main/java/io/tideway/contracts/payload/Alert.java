package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.List;

/**
 * An alert opening or resolving, on {@code tideway.alerts}. Each alert id opens once and resolves
 * once; while open, it is announced again (state OPEN, new message) only when its finding changes.
 *
 * @param id stable for the condition, e.g. {@code MISMATCH/<file id>}
 * @param files the files a cause alert blocks (they show WAITING with this cause), or the file a
 *     per-file alert is about; empty when none (added in schema 1, absent in older alerts)
 * @param acknowledgedBy who acknowledged the open alert (an operator's name); null while not
 *     acknowledged. The alert stays open until its cause resolves; re-opened later it is a new,
 *     unacknowledged alert (added in schema 1)
 * @param acknowledgedAt when it was acknowledged; null while not (added in schema 1)
 * @param ackNote the operator's note with the acknowledgement, if any (added in schema 1)
 */
public record Alert(
    int schema,
    String id,
    AlertType type,
    State state,
    Severity severity,
    String fileId,
    String message,
    Instant at,
    List<String> files,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String ackNote) {

  public static final int SCHEMA = 1;

  public Alert {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** An alert nobody acknowledged. */
  public Alert(
      int schema,
      String id,
      AlertType type,
      State state,
      Severity severity,
      String fileId,
      String message,
      Instant at,
      List<String> files) {
    this(schema, id, type, state, severity, fileId, message, at, files, null, null, null);
  }

  /** Whether an operator acknowledged it. */
  public boolean acknowledged() {
    return acknowledgedBy != null;
  }

  /** The same alert, acknowledged by {@code by} at {@code when} with {@code note}. */
  public Alert acknowledge(String by, Instant when, String note) {
    return new Alert(schema, id, type, state, severity, fileId, message, at, files, by, when, note);
  }

  /** The same alert carrying {@code other}'s acknowledgement, if {@code other} has one. */
  public Alert withAckOf(Alert other) {
    return other == null || !other.acknowledged()
        ? this
        : acknowledge(other.acknowledgedBy(), other.acknowledgedAt(), other.ackNote());
  }

  /** An alert that names no files besides {@code fileId}. */
  public Alert(
      int schema,
      String id,
      AlertType type,
      State state,
      Severity severity,
      String fileId,
      String message,
      Instant at) {
    this(schema, id, type, state, severity, fileId, message, at, List.of());
  }

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
    PARTIAL_LOAD,
    /** MongoDB does not answer the verifier: files wait for it (cause alert). */
    STORE_UNREACHABLE,
    /** The Kafka broker does not answer the verifier: files wait for it (cause alert). */
    BROKER_UNREACHABLE,
    /** A source ingest reads (S3 bucket, inbox) cannot be read or written (cause alert). */
    SOURCE_UNREACHABLE,
    /** A service's /health says DOWN or it does not answer (cause alert). */
    SERVICE_DOWN,
    /** Ingest FAILED a file; the reason is in the message. */
    INGEST_FAILED
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
