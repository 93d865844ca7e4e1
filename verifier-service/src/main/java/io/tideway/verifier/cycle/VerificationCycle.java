package io.tideway.verifier.cycle;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.alert.AlertRules;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.ledger.CheckRequest;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the verifier: query MongoDB for the files that are due, apply timeouts, then
 * announce changed files and alerts. Runs on one thread; the Kafka reader only feeds the ledger.
 */
public final class VerificationCycle {

  private static final Logger LOG = LoggerFactory.getLogger(VerificationCycle.class);

  private final FileLedger ledger;
  private final AlertRules rules;
  private final StoredDocuments store;
  private final IntegrityOutput output;
  private final Clock clock;
  private final Instant startedAt;
  private final Supplier<List<GroupLag>> lag;
  private final double digestBudget;
  /** Periodic full re-audits wait until here, so that they stay within the digest budget. */
  private Instant nextAuditAt = Instant.MIN;

  public VerificationCycle(FileLedger ledger, AlertRules rules, StoredDocuments store, IntegrityOutput output,
      Clock clock, Supplier<List<GroupLag>> lag, double digestBudget) {
    this.lag = lag;
    this.digestBudget = digestBudget;
    this.ledger = ledger;
    this.rules = rules;
    this.store = store;
    this.output = output;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  private void failed(List<CheckRequest> requests, RuntimeException e) {
    CheckRequest r = requests.get(0);
    LOG.warn("MongoDB check of {} file(s) in {}.{} failed (first {}): {}", requests.size(), r.database(),
        r.collection(), r.fileId(), e.toString());
    requests.forEach(q -> ledger.checkFailed(q, e.getMessage()));
  }

  /** Runs every step once, in order; tests drive the verifier with it. */
  public void run() {
    runDigests(Integer.MAX_VALUE);
    runCounts();
    runDigests(Integer.MAX_VALUE); // a count audit may have asked for a full check
    publish();
  }

  /**
   * Full checks (count, digest, type conformance) due now, at most {@code limit}; periodic re-audits
   * only within the digest budget. Returns how many MongoDB answered.
   */
  public int runDigests(int limit) {
    int answered = 0;
    for (CheckRequest r : ledger.dueDigests(clock.instant(), limit)) {
      Instant start = clock.instant();
      if (r.audit() && start.isBefore(nextAuditAt)) {
        continue; // over budget: the file stays overdue and comes first next time
      }
      try {
        StoredScan scan = store.scan(r.database(), r.collection(), r.fileId(), r.shape());
        Instant end = clock.instant();
        ledger.applyCheck(r, scan, end);
        answered++;
        if (r.audit()) {
          nextAuditAt = end.plus(pause(Duration.between(start, end), digestBudget));
        }
      } catch (RuntimeException e) {
        failed(List.of(r), e);
      }
    }
    return answered;
  }

  /** The wait after a scan of {@code took} that keeps scanning at {@code budget} of wall time. */
  static Duration pause(Duration took, double budget) {
    return Duration.ofNanos((long) (took.toNanos() * (1 - budget) / budget));
  }

  /** Count audits due now; those of one collection share one pass over it. Returns how many ran. */
  public int runCounts() {
    Map<String, List<CheckRequest>> byCollection = new LinkedHashMap<>();
    List<CheckRequest> due = ledger.dueCounts(clock.instant());
    for (CheckRequest r : due) {
      byCollection.computeIfAbsent(r.database() + "." + r.collection(), k -> new ArrayList<>()).add(r);
    }
    for (List<CheckRequest> batch : byCollection.values()) {
      CheckRequest first = batch.get(0);
      try {
        Map<String, Long> counts = store.countAll(first.database(), first.collection(),
            batch.stream().map(CheckRequest::fileId).toList());
        Instant at = clock.instant();
        batch.forEach(r -> ledger.applyCheck(r, StoredScan.countOnly(counts.getOrDefault(r.fileId(), 0L)), at));
      } catch (RuntimeException e) {
        failed(batch, e);
      }
    }
    return due.size();
  }

  /**
   * Applies timeouts, then announces changed files and alerts; never touches MongoDB. Returns the
   * files as the alert rules saw them (newest first), for the per-file metrics.
   */
  public List<IntegrityEvent> publish() {
    Instant now = clock.instant();
    ledger.checkTimeouts(now);
    List<IntegrityEvent> changed = ledger.changedEvents(now);
    for (IntegrityEvent e : changed) {
      if (e.status().settled()) {
        LOG.info("file {} ({}) is {}: rows_read={} cleaned={} duplicates={} rejected={} in_mongo={} {}",
            e.fileId(), e.fileName(), e.status(), e.rowsRead(), e.cleaned(), e.duplicates(), e.rejected(),
            e.documentsInMongo(), e.problems());
      }
      output.integrity(e);
    }
    List<IntegrityEvent> files = ledger.snapshot(now);
    List<Alert> alerts = new ArrayList<>(rules.evaluate(files, ledger.lastDiscoveredAt(), startedAt, now));
    alerts.addAll(rules.evaluateLag(lag.get(), now));
    for (Alert a : alerts) {
      LOG.info("alert {} {}: {}", a.id(), a.state(), a.message());
      output.alert(a);
    }
    return files;
  }
}
