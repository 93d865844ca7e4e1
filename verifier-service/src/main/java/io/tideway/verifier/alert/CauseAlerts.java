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
import io.tideway.verifier.reconcile.Expected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cause alerts: STORE_UNREACHABLE, BROKER_UNREACHABLE, SERVICE_DOWN and SOURCE_UNREACHABLE, each
 * opened once when its cause appears, with the cause and the files it holds up (announced again,
 * still OPEN, only when that list changes), and resolved once when it is gone. The files they block
 * are WAITING with the same cause ({@link #blockers}), never MISMATCH.
 */
public final class CauseAlerts {

  /** How many file ids an alert's message names; all of them are in its {@code files}. */
  static final int NAMED = 10;

  /** The files a cause affects, as the ledger knows them. */
  @FunctionalInterface
  public interface Affected {
    /**
     * The WAITING files whose cause matches {@code waitingFor} and the files in flight whose
     * numbers match {@code inFlight}.
     */
    List<String> files(Predicate<WaitCause> waitingFor, Predicate<Expected> inFlight);
  }

  private final AlertBook book;

  /** The cause each open alert was opened with: re-announcing new files keeps the cause's words. */
  private final Map<String, String> openedWith = new HashMap<>();

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
  public List<Alert> evaluate(PipelineHealth h, Affected waiting, Instant now) {
    List<Alert> out = new ArrayList<>();
    store(h.mongodb(), waiting, now).ifPresent(out::add);
    ComponentHealth kafka = h.kafka();
    if (kafka != null) {
      List<String> files =
          waiting.files(c -> c.kind() == WaitCause.Kind.BROKER_UNREACHABLE, e -> true);
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
          waiting.files(
              c -> c.kind() == WaitCause.Kind.SERVICE_DOWN && c.detail().startsWith(s.name()),
              stageOf(s.name()));
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
                  + "; no file arrives from it until it answers",
              List.of(),
              "source " + s.source() + " is " + s.state(),
              now)
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * STORE_UNREACHABLE: the store probe got no answer (twice in a row); names the files waiting for
   * MongoDB and those in flight, which the loader cannot write.
   */
  private Optional<Alert> store(ComponentHealth mongodb, Affected waiting, Instant now) {
    boolean down = mongodb != null && mongodb.down();
    List<String> files =
        down
            ? waiting.files(c -> c.kind() == WaitCause.Kind.STORE_UNREACHABLE, e -> true)
            : List.of();
    return toggle(
        AlertType.STORE_UNREACHABLE,
        "mongodb",
        down,
        Severity.CRITICAL,
        "MongoDB does not answer the verifier: " + (down ? mongodb.reason() : ""),
        files,
        "MongoDB answers again",
        now);
  }

  /** The files in flight a service's outage holds up: those its stage has not accounted for. */
  private static Predicate<Expected> stageOf(String service) {
    if (service.startsWith("cleaner")) {
      return e -> !e.cleanerDone();
    }
    if (service.startsWith("loader")) {
      return e -> !e.loaderDone();
    }
    return e -> false; // ingest: its files in flight are INGESTING and STALL if it is gone
  }

  /**
   * Opens the alert once; while open it is announced again only when the files it names change,
   * keeping the cause it was opened with. Resolves once.
   */
  private Optional<Alert> toggle(
      AlertType type,
      String subject,
      boolean open,
      Severity severity,
      String message,
      List<String> files,
      String resolved,
      Instant now) {
    String id = AlertBook.id(type, subject);
    if (!open) {
      openedWith.remove(id);
      return book.resolve(type, subject, resolved, now);
    }
    Optional<Alert> last = book.find(id).filter(a -> a.state() == Alert.State.OPEN);
    if (last.isPresent() && last.get().files().equals(files)) {
      return Optional.empty();
    }
    String cause = last.isPresent() ? openedWith.getOrDefault(id, message) : message;
    openedWith.put(id, cause);
    // A source holds up no file in the pipeline: "no file waits for it yet" would only puzzle.
    String text =
        type == AlertType.SOURCE_UNREACHABLE ? cause : withoutFullStop(cause) + "; " + named(files);
    return last.isPresent()
        ? book.raise(type, subject, null, severity, text, files, now)
        : book.open(type, subject, null, severity, text, files, now);
  }

  /** A reason that ends in a full stop (the driver's do) continues after "; " without it. */
  private static String withoutFullStop(String cause) {
    return cause.endsWith(".") ? cause.substring(0, cause.length() - 1) : cause;
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
