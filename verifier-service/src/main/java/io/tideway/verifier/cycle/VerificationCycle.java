package io.tideway.verifier.cycle;

import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.alert.AlertRules;
import io.tideway.verifier.alert.CauseAlerts;
import io.tideway.verifier.health.ComponentHealth;
import io.tideway.verifier.health.HealthView;
import io.tideway.verifier.health.PipelineHealth;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.ledger.CheckRequest;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.ledger.StagesBehind;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import io.tideway.verifier.store.StoreMarker;
import io.tideway.verifier.store.StoreWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the verifier: probe the store, query MongoDB for the files that are due, apply
 * timeouts, then announce changed files and alerts. The steps run on the verifier's worker threads;
 * the Kafka reader only feeds the ledger.
 */
public final class VerificationCycle {

  private static final Logger LOG = LoggerFactory.getLogger(VerificationCycle.class);

  private final FileLedger ledger;
  private final AlertRules rules;
  private final StoredDocuments store;
  private final StoreMarker marker;
  private final StoreWatch watch = new StoreWatch();

  /**
   * When the probe found the store reset; announced (and cleared) by the next {@link #publish()}.
   */
  private final AtomicReference<Instant> resetFound = new AtomicReference<>();

  private volatile String lastProbeError;

  /**
   * Store probes in a row that got no answer before MongoDB counts as DOWN for the health and the
   * STORE_UNREACHABLE alert: one slow answer from a busy store is no outage (files wait at once).
   */
  static final int STORE_DOWN_AFTER = 2;

  private volatile int probeFailures;
  private final IntegrityOutput output;
  private final Clock clock;
  private final Instant startedAt;
  private final Supplier<List<GroupLag>> lag;
  private final AuditBudgets budgets;

  /** Periodic full re-audits wait until here, so that they stay within the digest budget. */
  private Instant nextAuditAt = Instant.MIN;

  /** Count re-audits wait until here, so that they stay within the count budget. */
  private Instant nextCountAt = Instant.MIN;

  private final HealthView health;
  private final CauseAlerts causes;

  /** A cycle that knows of no health but its own store probe's. */
  public VerificationCycle(
      FileLedger ledger,
      AlertRules rules,
      StoredDocuments store,
      StoreMarker marker,
      IntegrityOutput output,
      Clock clock,
      Supplier<List<GroupLag>> lag,
      AuditBudgets budgets) {
    this(
        ledger,
        rules,
        store,
        marker,
        output,
        clock,
        lag,
        budgets,
        HealthView.storeOnly(),
        new CauseAlerts(rules.book()));
  }

  public VerificationCycle(
      FileLedger ledger,
      AlertRules rules,
      StoredDocuments store,
      StoreMarker marker,
      IntegrityOutput output,
      Clock clock,
      Supplier<List<GroupLag>> lag,
      AuditBudgets budgets,
      HealthView health,
      CauseAlerts causes) {
    this.health = health;
    this.causes = causes;
    this.marker = marker;
    this.lag = lag;
    this.budgets = budgets;
    this.ledger = ledger;
    this.rules = rules;
    this.store = store;
    this.output = output;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  private void failed(List<CheckRequest> requests, RuntimeException e) {
    CheckRequest r = requests.get(0);
    LOG.warn(
        "MongoDB check of {} file(s) in {}.{} failed (first {}): {}",
        requests.size(),
        r.database(),
        r.collection(),
        r.fileId(),
        e.toString());
    requests.forEach(q -> ledger.checkFailed(q, describe(e)));
  }

  /** An exception as a cause an operator can read (some driver exceptions have no message). */
  static String describe(RuntimeException e) {
    return e.getMessage() != null && !e.getMessage().isBlank()
        ? e.getMessage()
        : e.getClass().getSimpleName();
  }

  /**
   * Reads the store marker: tells the ledger whether MongoDB answers (files waiting on it show
   * WAITING), and when the marker vanished or changed, re-writes it and has the next publish raise
   * STORE_RESET. Returns true when MongoDB answered.
   */
  public boolean probeStore() {
    long start = System.nanoTime();
    try {
      StoreWatch.Outcome o = watch.observe(marker.read(), UUID.randomUUID().toString());
      long latencyMs = (System.nanoTime() - start) / 1_000_000;
      if (o.write() != null) {
        watch.expect(marker.writeIfAbsent(o.write()));
      }
      if (o.reset()) {
        LOG.error(
            "MongoDB was reset: the store marker vanished or changed; files that had documents need a replay");
        resetFound.set(clock.instant());
      }
      if (lastProbeError != null) {
        LOG.info("MongoDB answers again");
      }
      lastProbeError = null;
      probeFailures = 0;
      ledger.storeProbed(null);
      health.storeProbed(ComponentHealth.up("mongodb", latencyMs));
      return true;
    } catch (RuntimeException e) {
      if (lastProbeError == null) {
        LOG.warn("MongoDB does not answer the store probe: {}", e.toString());
      }
      lastProbeError = describe(e);
      ledger.storeProbed(lastProbeError);
      if (++probeFailures >= STORE_DOWN_AFTER) {
        health.storeProbed(ComponentHealth.down("mongodb", lastProbeError));
      }
      return false;
    }
  }

  /** The last store probe got no answer, but too few in a row yet to count MongoDB as DOWN. */
  public boolean outageUnconfirmed() {
    return probeFailures > 0 && probeFailures < STORE_DOWN_AFTER;
  }

  /** Runs every step once, in order; tests drive the verifier with it. */
  public void run() {
    probeStore();
    runDigests(Integer.MAX_VALUE);
    runCounts();
    runDigests(Integer.MAX_VALUE); // a count audit may have asked for a full check
    publish();
  }

  /**
   * Full checks (count, digest, type conformance) due now, at most {@code limit}; periodic
   * re-audits only within the digest budget. Returns how many MongoDB answered.
   */
  public int runDigests(int limit) {
    int answered = 0;
    for (CheckRequest r : ledger.dueDigests(clock.instant(), limit)) {
      Instant start = clock.instant();
      if (r.audit() && start.isBefore(nextAuditAt)) {
        continue; // over budget: the file stays overdue and comes first next time
      }
      try {
        StoredScan scan =
            store.scan(r.database(), r.collection(), r.fileId(), r.shape(), r.digestVersion());
        Instant end = clock.instant();
        ledger.applyCheck(r, scan, end);
        answered++;
        if (r.audit()) {
          nextAuditAt = end.plus(pause(Duration.between(start, end), budgets.digest()));
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

  /**
   * Count audits due now; those of one collection share one pass over it. Returns how many ran
   * (none while the count budget holds them back).
   */
  public int runCounts() {
    Instant start = clock.instant();
    if (start.isBefore(nextCountAt)) {
      return 0;
    }
    Map<String, List<CheckRequest>> byCollection = new LinkedHashMap<>();
    List<CheckRequest> due = ledger.dueCounts(start);
    for (CheckRequest r : due) {
      byCollection
          .computeIfAbsent(r.database() + "." + r.collection(), k -> new ArrayList<>())
          .add(r);
    }
    for (List<CheckRequest> batch : byCollection.values()) {
      CheckRequest first = batch.get(0);
      try {
        Map<String, Long> counts =
            store.countAll(
                first.database(),
                first.collection(),
                batch.stream().map(CheckRequest::fileId).toList());
        Instant at = clock.instant();
        batch.forEach(
            r ->
                ledger.applyCheck(
                    r, StoredScan.countOnly(counts.getOrDefault(r.fileId(), 0L)), at));
      } catch (RuntimeException e) {
        failed(batch, e);
      }
    }
    if (!due.isEmpty()) {
      nextCountAt =
          clock.instant().plus(pause(Duration.between(start, clock.instant()), budgets.count()));
    }
    return due.size();
  }

  /**
   * Applies timeouts, then announces changed files and alerts; never touches MongoDB. Returns the
   * files as the alert rules saw them (newest first), for the per-file metrics.
   */
  public List<IntegrityEvent> publish() {
    Instant now = clock.instant();
    ledger.carryOverPublished();
    List<GroupLag> lagNow = lag.get();
    PipelineHealth healthNow = health.current();
    ledger.blockedBy(CauseAlerts.blockers(healthNow));
    ledger.checkTimeouts(now, StagesBehind.of(lagNow));
    List<IntegrityEvent> changed = ledger.changedEvents(now);
    for (IntegrityEvent e : changed) {
      if (e.status().settled()) {
        LOG.info(
            "file {} ({}) is {}: rows_read={} cleaned={} duplicates={} rejected={} in_mongo={} {}",
            e.fileId(),
            LogSafe.of(e.fileName()),
            e.status(),
            e.rowsRead(),
            e.cleaned(),
            e.duplicates(),
            e.rejected(),
            e.documentsInMongo(),
            LogSafe.of(e.problems()));
      }
      output.integrity(e);
    }
    List<IntegrityEvent> files = ledger.snapshot(now);
    List<Alert> alerts = new ArrayList<>();
    Instant reset = resetFound.getAndSet(null);
    if (reset != null) {
      alerts.addAll(rules.storeReset(files, reset));
    }
    alerts.addAll(rules.evaluate(files, ledger.lastDiscoveredAt(), startedAt, now));
    alerts.addAll(rules.evaluateLag(lagNow, now));
    alerts.addAll(causes.evaluate(healthNow, ledger::affected, now));
    for (Alert a : alerts) {
      LOG.info("alert {} {}: {}", LogSafe.of(a.id()), a.state(), LogSafe.of(a.message()));
      output.alert(a);
    }
    return files;
  }
}
