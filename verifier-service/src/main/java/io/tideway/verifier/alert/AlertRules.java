package io.tideway.verifier.alert;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.Alert.Severity;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.lag.LagStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Derives alerts from the files' states: MISMATCH, STALLED, REJECT_RATE, SLOW, PARTIAL_LOAD,
 * INGEST_FAILED per file; NO_INPUT, DLQ_GROWTH and STORE_RESET for the whole pipeline; LAGGING per
 * consumer group.
 */
public final class AlertRules {

  /** Subject of alerts about the whole pipeline rather than one file. */
  public static final String PIPELINE = "pipeline";

  private final VerifierConfig.AlertConfig config;
  private final AlertBook book;

  /**
   * Refused documents seen at the previous evaluation; null until the first (a restart sets a
   * baseline).
   */
  private Long refusedBefore;

  private Instant lastRefusalGrowth;
  private final StoreResets storeResets;

  public AlertRules(VerifierConfig.AlertConfig config, AlertBook book) {
    this.config = config;
    this.book = book;
    this.storeResets = new StoreResets(book);
  }

  /** Where these rules keep the alerts' states. */
  public AlertBook book() {
    return book;
  }

  /**
   * MongoDB was found reset: one CRITICAL STORE_RESET alert naming the files that had documents.
   */
  public List<Alert> storeReset(List<IntegrityEvent> files, Instant now) {
    return storeResets.reset(files, now).stream().toList();
  }

  /** Opens and resolves alerts for the current states; returns what changed. */
  public List<Alert> evaluate(
      List<IntegrityEvent> files, Optional<Instant> lastInput, Instant since, Instant now) {
    List<Alert> out = new ArrayList<>();
    for (IntegrityEvent f : files) {
      String id = f.fileId();
      String name = f.fileName() != null ? f.fileName() : id;
      if (f.status() == FileStatus.MISMATCH) {
        // raise, not open: the alert states the current finding, not the first one.
        book.raise(
                AlertType.MISMATCH,
                id,
                id,
                Severity.CRITICAL,
                "file " + name + " is MISMATCH: " + String.join("; ", f.problems()),
                List.of(),
                now)
            .ifPresent(out::add);
      } else if (f.status() == FileStatus.VERIFIED) {
        book.resolve(AlertType.MISMATCH, id, "file " + name + " verified again", now)
            .ifPresent(out::add);
      } else if (f.status() == FileStatus.ROLLED_BACK) {
        book.resolve(AlertType.MISMATCH, id, "file " + name + " rolled back by operator", now)
            .ifPresent(out::add);
      }
      partialLoad(f, name, now, out);
      ingestFailed(f, name, now, out);
      if (f.status() == FileStatus.STALLED) {
        book.open(
                AlertType.STALLED,
                id,
                id,
                Severity.WARNING,
                "file "
                    + name
                    + " made no progress for "
                    + config.getStalledAfter().toSeconds()
                    + "s at "
                    + f.rowsRead()
                    + " rows",
                List.of(),
                now)
            .ifPresent(out::add);
      } else {
        book.resolve(AlertType.STALLED, id, "file " + name + " is " + f.status(), now)
            .ifPresent(out::add);
      }
      if (f.completedAt() != null && f.rowsRead() > 0) {
        double rate = (double) f.rejected() / f.rowsRead();
        if (rate > config.getRejectRate() && f.status() != FileStatus.ROLLED_BACK) {
          book.open(
                  AlertType.REJECT_RATE,
                  id,
                  id,
                  Severity.WARNING,
                  String.format(
                      "file %s rejected %d of %d rows (%.1f%% > %.1f%%)",
                      name, f.rejected(), f.rowsRead(), rate * 100, config.getRejectRate() * 100),
                  List.of(),
                  now)
              .ifPresent(out::add);
        } else {
          book.resolve(
                  AlertType.REJECT_RATE,
                  id,
                  "file " + name + " reject rate back under threshold",
                  now)
              .ifPresent(out::add);
        }
      }
    }
    slow(files, now, out);
    dlqGrowth(files, now, out);
    storeResets.evaluate(files, now).ifPresent(out::add);
    Duration noInput = config.getNoInputAfter();
    if (noInput != null && !noInput.isZero()) {
      Instant last = lastInput.filter(t -> t.isAfter(since)).orElse(since);
      if (!Duration.between(last, now).minus(noInput).isNegative()) {
        book.open(
                AlertType.NO_INPUT,
                PIPELINE,
                null,
                Severity.WARNING,
                "no file discovered for " + Duration.between(last, now).toSeconds() + "s",
                List.of(),
                now)
            .ifPresent(out::add);
      } else {
        book.resolve(AlertType.NO_INPUT, PIPELINE, "a file was discovered", now)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * PARTIAL_LOAD: a FAILED file whose documents (loaded before it failed) are still in MongoDB.
   * They would stay there unverified, and a repaired file dropped later counts its rows as
   * duplicates of them.
   */
  private void partialLoad(IntegrityEvent f, String name, Instant now, List<Alert> out) {
    String id = f.fileId();
    Long stored = f.documentsInMongo(); // null until a check answered
    if (stored == null) {
      return;
    }
    if (f.status() == FileStatus.FAILED && stored > 0) {
      book.open(
              AlertType.PARTIAL_LOAD,
              id,
              id,
              Severity.WARNING,
              String.format(
                  "file %s (%s) FAILED but left %d documents in MongoDB; remove them with ./pipeline rollback --file %s"
                      + " before dropping the repaired file (a repaired file already loaded counted them as duplicates:"
                      + " roll it back first)",
                  name, id, f.documentsInMongo(), id),
              List.of(),
              now)
          .ifPresent(out::add);
    } else {
      book.resolve(
              AlertType.PARTIAL_LOAD,
              id,
              "file "
                  + name
                  + " is "
                  + f.status()
                  + " with "
                  + f.documentsInMongo()
                  + " documents in MongoDB",
              now)
          .ifPresent(out::add);
    }
  }

  /** INGEST_FAILED: ingest gave up on the file; the alert says why (resolved by a retry). */
  private void ingestFailed(IntegrityEvent f, String name, Instant now, List<Alert> out) {
    String id = f.fileId();
    if (f.status() == FileStatus.FAILED) {
      String reason = f.problems() == null ? "" : String.join("; ", f.problems());
      book.open(
              AlertType.INGEST_FAILED,
              id,
              id,
              Severity.WARNING,
              "file " + name + " (" + id + ") FAILED in ingest: " + reason,
              List.of(id),
              now)
          .ifPresent(out::add);
    } else {
      book.resolve(AlertType.INGEST_FAILED, id, "file " + name + " is " + f.status(), now)
          .ifPresent(out::add);
    }
  }

  /**
   * SLOW: an unsettled file whose rows are accounted for slower than the floor, after a grace time.
   */
  private void slow(List<IntegrityEvent> files, Instant now, List<Alert> out) {
    if (config.getSlowRowsPerS() <= 0) {
      return;
    }
    for (IntegrityEvent f : files) {
      String name = f.fileName() != null ? f.fileName() : f.fileId();
      Duration elapsed =
          f.startedAt() == null ? Duration.ZERO : Duration.between(f.startedAt(), now);
      if (f.status().settled() || f.startedAt() == null) {
        book.resolve(AlertType.SLOW, f.fileId(), "file " + name + " is " + f.status(), now)
            .ifPresent(out::add);
        continue;
      }
      if (elapsed.compareTo(config.getSlowAfter()) < 0) {
        continue;
      }
      long accounted = f.inserted() + f.matched() + f.failed() + f.duplicates() + f.rejected();
      double rate = accounted * 1000.0 / Math.max(1, elapsed.toMillis());
      if (rate < config.getSlowRowsPerS()) {
        book.open(
                AlertType.SLOW,
                f.fileId(),
                f.fileId(),
                Severity.WARNING,
                String.format(
                    "file %s: %.0f rows/s over %ds, below the floor of %.0f rows/s",
                    name, rate, elapsed.toSeconds(), config.getSlowRowsPerS()),
                List.of(),
                now)
            .ifPresent(out::add);
      } else {
        book.resolve(AlertType.SLOW, f.fileId(), "file " + name + " is back above the floor", now)
            .ifPresent(out::add);
      }
    }
  }

  /**
   * DLQ_GROWTH: documents MongoDB refused permanently (the loader's dead letters) keep arriving.
   */
  private void dlqGrowth(List<IntegrityEvent> files, Instant now, List<Alert> out) {
    if (config.getDlqGrowth() <= 0) {
      return;
    }
    long refused = files.stream().mapToLong(IntegrityEvent::failed).sum();
    if (refusedBefore == null) {
      refusedBefore = refused;
      return;
    }
    long growth = refused - refusedBefore;
    refusedBefore = refused;
    if (growth >= config.getDlqGrowth()) {
      lastRefusalGrowth = now;
      book.open(
              AlertType.DLQ_GROWTH,
              PIPELINE,
              null,
              Severity.WARNING,
              growth
                  + " more documents refused by"
                  + " MongoDB ("
                  + refused
                  + " in all; see tideway.rejected, stage LOADER)",
              List.of(),
              now)
          .ifPresent(out::add);
    } else if (lastRefusalGrowth != null
        && !Duration.between(lastRefusalGrowth, now)
            .minus(config.getDlqQuietPeriod())
            .isNegative()) {
      book.resolve(
              AlertType.DLQ_GROWTH,
              PIPELINE,
              "no document refused for " + config.getDlqQuietPeriod().toSeconds() + "s",
              now)
          .ifPresent(out::add);
    }
  }

  /** LAGGING per consumer group: opens on STALL or STOP, resolves when the group is OK again. */
  public List<Alert> evaluateLag(List<GroupLag> groups, Instant now) {
    List<Alert> out = new ArrayList<>();
    for (GroupLag g : groups) {
      if (g.status() == LagStatus.STALL || g.status() == LagStatus.STOP) {
        book.open(
                AlertType.LAGGING,
                g.group(),
                null,
                g.status() == LagStatus.STOP ? Severity.CRITICAL : Severity.WARNING,
                "consumer group " + g.group() + " is " + g.status() + " with lag " + g.totalLag(),
                List.of(),
                now)
            .ifPresent(out::add);
      } else if (g.status() == LagStatus.OK) {
        book.resolve(AlertType.LAGGING, g.group(), "consumer group " + g.group() + " is OK", now)
            .ifPresent(out::add);
      }
    }
    return out;
  }
}
