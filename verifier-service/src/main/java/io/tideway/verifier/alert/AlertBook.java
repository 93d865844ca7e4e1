package io.tideway.verifier.alert;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.Alert.Severity;
import io.tideway.contracts.payload.Alert.State;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest state of every alert id. Opening an open alert or resolving a resolved one does
 * nothing, so a condition that persists is announced once; {@link #raise} also re-announces an open
 * alert once when its finding (message) changed. An operator may acknowledge an open alert: it
 * stays open, keeps the acknowledgement through its re-announcements and its resolution, and a
 * later re-opening is a new, unacknowledged alert. Rebuilt from the alerts topic.
 */
public final class AlertBook {

  private final Map<String, Alert> byId = new LinkedHashMap<>();

  /** The id of an alert about a file (or about the pipeline when {@code subject} is not a file). */
  public static String id(AlertType type, String subject) {
    return type + "/" + subject;
  }

  /**
   * Opens the alert unless it is open already, naming {@code files} (empty: none); returns the
   * alert to announce.
   */
  public synchronized Optional<Alert> open(
      AlertType type,
      String subject,
      String fileId,
      Severity severity,
      String message,
      List<String> files,
      Instant now) {
    if (isOpen(id(type, subject))) {
      return Optional.empty();
    }
    return Optional.of(putOpen(type, subject, fileId, severity, message, files, now));
  }

  /**
   * Opens the alert, or updates an open one whose message differs (the finding changed), so that
   * the alert always states the current numbers; returns the alert to announce, empty when
   * unchanged. {@code files} (empty: none) are the files it names.
   */
  public synchronized Optional<Alert> raise(
      AlertType type,
      String subject,
      String fileId,
      Severity severity,
      String message,
      List<String> files,
      Instant now) {
    Alert last = byId.get(id(type, subject));
    if (last != null
        && last.state() == State.OPEN
        && Objects.equals(last.message(), message)
        && last.files().equals(files)) {
      return Optional.empty();
    }
    return Optional.of(putOpen(type, subject, fileId, severity, message, files, now));
  }

  private Alert putOpen(
      AlertType type,
      String subject,
      String fileId,
      Severity severity,
      String message,
      List<String> files,
      Instant now) {
    Alert last = byId.get(id(type, subject));
    Alert alert =
        new Alert(
            Alert.SCHEMA,
            id(type, subject),
            type,
            State.OPEN,
            severity,
            fileId,
            message,
            now,
            files);
    // Still the same opening: an acknowledgement holds until the cause resolves.
    if (last != null && last.state() == State.OPEN) {
      alert = alert.withAckOf(last);
    }
    byId.put(alert.id(), alert);
    return alert;
  }

  /** What an acknowledgement found. */
  public enum AckResult {
    /** The open alert is now acknowledged. */
    ACKNOWLEDGED,
    /** No alert has this id. */
    UNKNOWN,
    /** The alert is resolved: there is nothing to acknowledge. */
    RESOLVED
  }

  /**
   * The outcome of {@link #acknowledge}: the result and the alert as it is now (null if unknown).
   */
  public record Ack(AckResult result, Alert alert) {}

  /**
   * Acknowledges open alert {@code id} by {@code by} at {@code now}: it stays open until its cause
   * resolves; a repeated acknowledgement replaces the earlier one.
   */
  public synchronized Ack acknowledge(String id, String by, String note, Instant now) {
    Alert last = byId.get(id);
    if (last == null) {
      return new Ack(AckResult.UNKNOWN, null);
    }
    if (last.state() != State.OPEN) {
      return new Ack(AckResult.RESOLVED, last);
    }
    Alert acked = last.acknowledge(by, now, note);
    byId.put(id, acked);
    return new Ack(AckResult.ACKNOWLEDGED, acked);
  }

  /**
   * Takes the acknowledgement of an alert read back from the topic (made by another instance, or
   * this one) into the open alert of the same id; true when it changed the book.
   */
  public synchronized boolean applyAck(Alert fromTopic) {
    Alert last = byId.get(fromTopic.id());
    if (!fromTopic.acknowledged()
        || fromTopic.state() != State.OPEN
        || last == null
        || last.state() != State.OPEN
        || (last.acknowledged() && !last.acknowledgedAt().isBefore(fromTopic.acknowledgedAt()))) {
      return false;
    }
    byId.put(last.id(), last.withAckOf(fromTopic));
    return true;
  }

  /** The latest state of alert {@code id}, if it was ever raised. */
  public synchronized Optional<Alert> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Resolves the alert if it is open; returns the alert to announce. */
  public synchronized Optional<Alert> resolve(
      AlertType type, String subject, String message, Instant now) {
    String id = id(type, subject);
    Alert last = byId.get(id);
    if (last == null || last.state() != State.OPEN) {
      return Optional.empty();
    }
    Alert alert =
        new Alert(
                Alert.SCHEMA,
                id,
                type,
                State.RESOLVED,
                last.severity(),
                last.fileId(),
                message,
                now,
                last.files())
            .withAckOf(last);
    byId.put(id, alert);
    return Optional.of(alert);
  }

  /** Takes an alert read back from the alerts topic as the latest state of its id. */
  public synchronized void restore(Alert alert) {
    byId.put(alert.id(), alert);
  }

  public synchronized boolean isOpen(String id) {
    Alert a = byId.get(id);
    return a != null && a.state() == State.OPEN;
  }

  public synchronized long openCount() {
    return byId.values().stream().filter(a -> a.state() == State.OPEN).count();
  }

  /** Every alert's latest state: open ones first, newest first. */
  public synchronized List<Alert> all() {
    return byId.values().stream()
        .sorted(
            Comparator.comparing((Alert a) -> a.state() == State.OPEN ? 0 : 1)
                .thenComparing(Alert::at, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }
}
