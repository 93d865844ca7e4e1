package io.tideway.verifier.alert;

import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.Alert.Severity;
import io.tideway.verifier.health.ComponentHealth;
import io.tideway.verifier.health.PipelineHealth;
import io.tideway.verifier.ledger.Blockers;
import io.tideway.verifier.lifecycle.WaitCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cause alerts: STORE_UNREACHABLE, BROKER_UNREACHABLE, SERVICE_DOWN and SOURCE_UNREACHABLE, each
 * opened once when its cause appears, with the cause and the files it blocks, and resolved once
 * when it is gone. The files they block are WAITING with the same cause ({@link #blockers}), never
 * MISMATCH.
 */
public final class CauseAlerts {

  /** How many file ids an alert's message names; all of them are in its {@code files}. */
  static final int NAMED = 10;

  private final AlertBook book;

  public CauseAlerts(AlertBook book) {
    this.book = book;
  }

  /**
   * What keeps unsettled files from settling now: the broker, or every watched replica of the
   * cleaner's or the loader's service DOWN.
   */
  public static Blockers blockers(PipelineHealth h) {
    WaitCause broker =
        h.kafka() != null && h.kafka().down()
            ? new WaitCause(WaitCause.Kind.BROKER_UNREACHABLE, h.kafka().reason())
            : null;
    return new Blockers(broker, stageDown(h, "cleaner"), stageDown(h, "loader"));
  }

  private static WaitCause stageDown(PipelineHealth h, String stage) {
    List<ComponentHealth> replicas =
        h.services().stream().filter(s -> s.name().startsWith(stage)).toList();
    if (replicas.isEmpty() || !replicas.stream().allMatch(ComponentHealth::down)) {
      return null;
    }
    ComponentHealth first = replicas.get(0);
    return new WaitCause(
        WaitCause.Kind.SERVICE_DOWN,
        first.name() + " is DOWN (" + first.reason() + "): delayed, not lost");
  }

  /**
   * Opens and resolves the cause alerts for {@code h}; {@code waiting} lists the files that wait
   * for causes matching a predicate.
   */
  public List<Alert> evaluate(
      PipelineHealth h, Function<Predicate<WaitCause>, List<String>> waiting, Instant now) {
    List<Alert> out = new ArrayList<>();
    store(h.mongodb(), waiting, now).ifPresent(out::add);
    ComponentHealth kafka = h.kafka();
    if (kafka != null) {
      List<String> files = waiting.apply(c -> c.kind() == WaitCause.Kind.BROKER_UNREACHABLE);
      toggle(
              AlertType.BROKER_UNREACHABLE,
              "kafka",
              kafka.down(),
              Severity.CRITICAL,
              "Kafka does not answer the verifier: " + kafka.reason(),
              files,
              "Kafka answers again",
              now)
          .ifPresent(out::add);
    }
    for (ComponentHealth s : h.services()) {
      List<String> files =
          waiting.apply(
              c -> c.kind() == WaitCause.Kind.SERVICE_DOWN && c.detail().startsWith(s.name()));
      toggle(
              AlertType.SERVICE_DOWN,
              s.name(),
              s.down(),
              Severity.CRITICAL,
              s.name() + " is DOWN: " + s.reason(),
              files,
              s.name() + " is " + s.state(),
              now)
          .ifPresent(out::add);
    }
    for (SourceHealth s : h.sources()) {
      toggle(
              AlertType.SOURCE_UNREACHABLE,
              s.source(),
              s.state() == HealthState.DOWN,
              Severity.WARNING,
              "source "
                  + s.source()
                  + " cannot be read: "
                  + s.reason()
                  + "; no file arrives from it",
              List.of(),
              "source " + s.source() + " is " + s.state(),
              now)
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * STORE_UNREACHABLE: the store probe got no answer, or files wait because their own checks got
   * none.
   */
  private Optional<Alert> store(
      ComponentHealth mongodb, Function<Predicate<WaitCause>, List<String>> waiting, Instant now) {
    List<String> files = waiting.apply(c -> c.kind() == WaitCause.Kind.STORE_UNREACHABLE);
    boolean probeDown = mongodb != null && mongodb.down();
    String reason = probeDown ? mongodb.reason() : "the checks of waiting files got no answer";
    return toggle(
        AlertType.STORE_UNREACHABLE,
        "mongodb",
        probeDown || !files.isEmpty(),
        Severity.CRITICAL,
        "MongoDB does not answer the verifier: " + reason,
        files,
        "MongoDB answers again",
        now);
  }

  private Optional<Alert> toggle(
      AlertType type,
      String subject,
      boolean open,
      Severity severity,
      String message,
      List<String> files,
      String resolved,
      Instant now) {
    return open
        ? book.open(type, subject, null, severity, message + "; " + named(files), files, now)
        : book.resolve(type, subject, resolved, now);
  }

  /** The files an alert names in its message. */
  static String named(List<String> files) {
    if (files.isEmpty()) {
      return "no file waits for it yet";
    }
    String first = String.join(", ", files.subList(0, Math.min(NAMED, files.size())));
    return files.size()
        + (files.size() == 1 ? " file waits: " : " files wait: ")
        + first
        + (files.size() > NAMED ? " and " + (files.size() - NAMED) + " more" : "");
  }
}
