package io.tideway.verifier.ledger;

import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingRef;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lifecycle.FileLifecycle;
import io.tideway.verifier.lifecycle.FileLifecycle.State;
import io.tideway.verifier.lifecycle.WaitCause;
import io.tideway.verifier.reconcile.Dependencies;
import io.tideway.verifier.reconcile.Expected;
import io.tideway.verifier.reconcile.OwnCheck;
import io.tideway.verifier.reconcile.Reconciliation;
import io.tideway.verifier.reconcile.StoredScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every file's record, rebuilt from the topics; the moves between statuses are {@link
 * FileLifecycle}'s, this class gathers their facts and keeps the lock, the map and the version
 * guard. Thread-safe; MongoDB is queried outside its lock.
 */
public final class FileLedger {

  private final Map<String, FileRecord> files = new LinkedHashMap<>();

  /** Where a file stands in the newest-first order: its sort time, then its id. */
  private record SortKey(Instant time, String fileId) {}

  private static final Comparator<SortKey> NEWEST_FIRST =
      Comparator.comparing(SortKey::time, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(SortKey::fileId);

  /**
   * Every file newest first, kept as the sort times change: a page of the files list is read off
   * it, formatting only the files on the page.
   */
  private final TreeMap<SortKey, FileRecord> newestFirst = new TreeMap<>(NEWEST_FIRST);

  private final Map<String, SortKey> sortKeys = new HashMap<>();

  /** Integrity views built so far (each formats one file): what paging must keep small. */
  private long viewsBuilt;

  private final CleanerTotals cleaner = new CleanerTotals();
  private final ReceiptLedger receipts = new ReceiptLedger();
  private final Map<String, IntegrityEvent> restored = new HashMap<>();
  private final VerifierConfig config;
  private final MappingResolver mappings;
  private final AuditSchedule schedule;
  private Instant lastDiscoveredAt;
  private volatile java.util.function.BooleanSupplier standby = () -> false;

  /** Why the last store probe got no answer from MongoDB; null while it answers. */
  private WaitCause storeUnanswered;

  /** Pipeline-wide causes that keep files from settling (broker, a stage's service down). */
  private Blockers blockers = Blockers.NONE;

  public FileLedger(VerifierConfig config, MappingResolver mappings) {
    this.config = config;
    this.mappings = mappings;
    this.schedule = new AuditSchedule(config);
  }

  /** Applies a lifecycle event from ingest; {@code at} is the Kafka record time. */
  public synchronized void onFileEvent(FileEvent e, Instant at) {
    if (e.type() == FileEventType.ROLLED_BACK) {
      onRolledBack(e, at);
      return;
    }
    FileRecord f = file(e.fileId(), at);
    if (f.status() == FileStatus.ROLLED_BACK) {
      return; // final: the documents are gone; a replay comes back under a new file id
    }
    f.touch(at);
    f.version++;
    f.fileName = e.fileName() != null ? e.fileName() : f.fileName;
    f.mapping = e.mapping() != null ? e.mapping() : f.mapping;
    f.mappingVersion = e.mappingVersion() > 0 ? e.mappingVersion() : f.mappingVersion;
    f.source = e.source() != null ? e.source() : f.source;
    Instant when = e.at() != null ? e.at() : at;
    switch (e.type()) {
      case DISCOVERED -> {
        f.discoveredAt = f.discoveredAt == null ? when : f.discoveredAt;
        lastDiscoveredAt =
            lastDiscoveredAt == null || at.isAfter(lastDiscoveredAt) ? at : lastDiscoveredAt;
      }
      case STARTED, PROGRESS -> {
        f.startedAt = f.startedAt == null ? when : f.startedAt;
        f.rowsSoFar = Math.max(f.rowsSoFar, e.rows());
        boolean started = e.type() == FileEventType.STARTED;
        if (started && f.status() == FileStatus.FAILED) {
          f.problems = List.of(); // a retry
        }
        move(f, new FileLifecycle.IngestProgress(started));
      }
      case COMPLETED -> {
        // A COMPLETED repeated with the same count (ingest retried after a crash) changes nothing
        // settled.
        boolean repeat = f.completed && f.rowsRead == e.rows() && f.status() != FileStatus.FAILED;
        f.completed = true;
        f.rowsRead = e.rows();
        f.rowsSoFar = e.rows();
        f.completedAt = f.completedAt == null ? when : f.completedAt;
        if (!repeat) {
          f.completedAt = when;
          f.settleFrom = at;
          f.completedRecordAt = at;
          f.problems = List.of();
        }
        move(f, new FileLifecycle.IngestCompleted(repeat));
      }
      case FAILED -> {
        move(f, new FileLifecycle.IngestFailed());
        f.problems =
            List.of("ingest failed: " + (e.reason() == null ? "no reason given" : e.reason()));
      }
    }
    reindex(f);
  }

  /**
   * An operator deleted the file's documents: the file turns ROLLED_BACK for good and is no longer
   * audited (MongoDB is expected to hold none of its documents). Unknown files are ignored.
   */
  private void onRolledBack(FileEvent e, Instant at) {
    FileRecord f = files.get(e.fileId());
    if (f == null) {
      return;
    }
    f.touch(at);
    f.version++;
    f.deletedByRollback += e.rows();
    f.documentsInMongo =
        f.documentsInMongo == null ? null : Math.max(0, f.documentsInMongo - e.rows());
    if (f.status() != FileStatus.ROLLED_BACK) {
      IntegrityEvent before = restored.get(f.fileId);
      if (f.verifiedAt == null && before != null && before.status() == FileStatus.ROLLED_BACK) {
        // Rebuilt after a restart (no MongoDB check ran for it): keep what was announced, announce
        // nothing new.
        f.verifiedAt = before.verifiedAt();
        f.digestActual = before.digestActual();
        f.documentsInMongo = before.documentsInMongo();
      }
    }
    move(f, new FileLifecycle.RolledBack());
    f.digestWanted = false;
    f.problems = List.of("rolled back by operator: " + f.deletedByRollback + " documents deleted");
    settleDependents(f.fileId, at);
  }

  /** Applies the latest running counters of one file in one cleaner partition. */
  public synchronized void onCleanStats(CleanStats s, Instant at) {
    cleaner.accept(s);
    FileRecord f = file(s.fileId(), at);
    f.fileName = f.fileName == null ? s.fileName() : f.fileName;
    progress(f, at);
  }

  /** Applies a loader receipt; returns false when its batch was already counted. */
  public synchronized boolean onReceipt(LoadReceipt r, Instant at) {
    if (!receipts.accept(r)) {
      return false;
    }
    if (r.files() != null) {
      r.files().keySet().forEach(id -> progress(file(id, at), at));
    }
    return true;
  }

  /**
   * Remembers what the verifier published before a restart, so an unchanged file is not
   * re-announced.
   */
  public synchronized void restorePublished(IntegrityEvent e) {
    restored.put(e.fileId(), e);
  }

  /**
   * Carries over the verdict the previous active instance published (before a restart, or before
   * this standby took over) for each file this instance has not checked yet and whose numbers are
   * exactly those of that verdict: a VERIFIED file stays VERIFIED through a takeover instead of
   * falling back to INGESTED until the first full check here. Its audits are due at once (it was
   * never fully checked here), and a count that no longer holds turns it MISMATCH as after any
   * audit. Returns how many.
   */
  public synchronized int carryOverPublished() {
    int carried = 0;
    for (FileRecord f : files.values()) {
      IntegrityEvent before = restored.get(f.fileId);
      // Not once a check here decided the file, nor when a count audit here already found it short.
      boolean undecidedHere = f.ownVerdict == null && (f.ownCheck == null || f.ownCheck.holds());
      if (before == null
          || before.status() != FileStatus.VERIFIED
          || f.status() != FileStatus.INGESTED
          || !undecidedHere
          || !expected(f).settled()
          || !sameNumbers(view(f, null), before)) {
        continue;
      }
      move(f, new FileLifecycle.CarriedOver());
      f.verifiedAt = before.verifiedAt();
      f.documentsInMongo = before.documentsInMongo();
      f.documentsNonconforming = before.documentsNonconforming();
      f.digestActual = before.digestActual();
      f.problems = before.problems() == null ? List.of() : before.problems();
      carried++;
    }
    return carried;
  }

  /** Both events describe the same pipeline numbers (the verdict was reached on these). */
  private static boolean sameNumbers(IntegrityEvent a, IntegrityEvent b) {
    return a.rowsRead() == b.rowsRead()
        && a.cleaned() == b.cleaned()
        && a.duplicates() == b.duplicates()
        && a.rejected() == b.rejected()
        && a.inserted() == b.inserted()
        && a.matched() == b.matched()
        && a.failed() == b.failed()
        && java.util.Objects.equals(a.digestExpected(), b.digestExpected());
  }

  private void progress(FileRecord f, Instant at) {
    Expected now = expected(f);
    if (now.equals(f.lastExpected)) {
      return; // counters re-sent unchanged: neither progress nor a reason to check again
    }
    // Only a change of the numbers invalidates a check in flight.
    f.settleFrom = SettleRule.restart(f.settleFrom, f.lastExpected, now, at);
    f.lastExpected = now;
    f.version++;
    f.touch(at);
    move(f, new FileLifecycle.CountsRose());
  }

  /** The only place a file's state changes. */
  private static void move(FileRecord f, FileLifecycle.Event event) {
    f.state = FileLifecycle.next(f.state, event);
  }

  private FileRecord file(String id, Instant at) {
    FileRecord f = files.get(id);
    if (f == null) {
      f = new FileRecord(id, at);
      files.put(id, f);
      reindex(f);
    }
    return f;
  }

  /** Moves the file to its place in the newest-first order after its sort time changed. */
  private void reindex(FileRecord f) {
    SortKey now = new SortKey(f.sortTime(), f.fileId);
    SortKey before = sortKeys.put(f.fileId, now);
    if (!now.equals(before)) {
      if (before != null) {
        newestFirst.remove(before);
      }
      newestFirst.put(now, f);
    }
  }

  Expected expected(FileRecord f) {
    CleanerTotals.Sum c = cleaner.of(f.fileId);
    ReceiptLedger.Sum r = receipts.of(f.fileId);
    return new Expected(
        f.rowsRead,
        c.cleaned(),
        c.duplicates(),
        c.rejected(),
        c.digest(),
        r.inserted(),
        r.matched(),
        r.failed(),
        r.matchedDigest(),
        c.digestBasis().plus(r.digestBasis()));
  }

  /**
   * The full (count, digest and type conformance) checks due now, at most {@code limit}, in the
   * order of {@link AuditSchedule#fullChecks}; periodic ones have {@link CheckRequest#audit()}
   * true.
   */
  public synchronized List<CheckRequest> dueDigests(Instant now, int limit) {
    List<CheckRequest> out = new ArrayList<>();
    for (AuditSchedule.Due d : schedule.fullChecks(files.values(), this::checkable, now, limit)) {
      request(d.file(), true, d.periodic()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The count audits due now (recent files every audit interval, older ones less often), most
   * overdue first.
   */
  public synchronized List<CheckRequest> dueCounts(Instant now) {
    List<CheckRequest> out = new ArrayList<>();
    for (FileRecord f : schedule.counts(files.values(), this::checkable, now)) {
      request(f, false, true).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Completed, in a status MongoDB can settle, and both pipeline sides add up; or a FAILED partial
   * load.
   */
  private boolean checkable(FileRecord f) {
    FileStatus s = f.status();
    boolean status =
        s == FileStatus.INGESTED
            || s == FileStatus.VERIFIED
            || s == FileStatus.MISMATCH
            || s == FileStatus.WAITING;
    return (f.completed && status && expected(f).settled()) || partialLoad(f);
  }

  /**
   * A FAILED file the loader stored documents of, all receipted: its documents are counted (shown,
   * alerted on, and relied on by files that counted duplicates of them) though it never verifies.
   */
  private boolean partialLoad(FileRecord f) {
    Expected e = expected(f);
    return f.status() == FileStatus.FAILED && e.cleaned() > 0 && e.loaderDone();
  }

  private Optional<CheckRequest> request(FileRecord f, boolean digest, boolean audit) {
    try {
      Mapping m =
          mappings.resolve(
              MappingRef.of(
                      f.mapping != null ? f.mapping : MappingCatalog.DEFAULT_MAPPING,
                      f.mappingVersion)
                  .toString());
      DigestVersion version = expected(f).digestBasis().version().orElse(DigestVersion.CURRENT);
      return Optional.of(new CheckRequest(f.fileId, m, digest, f.version, audit, version));
    } catch (RuntimeException e) {
      f.lastCheckError = e.getMessage();
      return Optional.empty();
    }
  }

  /**
   * Applies a MongoDB check: VERIFIED when every invariant holds, else MISMATCH with the numbers. A
   * count-only audit can break a VERIFIED file but only a full check can verify a MISMATCH one.
   */
  public synchronized void applyCheck(CheckRequest r, StoredScan scan, Instant now) {
    FileRecord f = files.get(r.fileId());
    if (f == null || f.version != r.version() || !checkable(f)) {
      return; // an event arrived meanwhile: check again with the new numbers
    }
    Expected e = expected(f);
    Reconciliation.Verdict v = Reconciliation.verify(e, scan);
    boolean countChanged = f.documentsInMongo == null || scan.count() != f.documentsInMongo;
    f.checkedVersion = f.version;
    f.lastCheckAt = now;
    f.lastCheckError = null;
    f.unanswered = null;
    f.documentsInMongo = scan.count();
    OwnCheck before = f.ownCheck;
    FileStatus statusBefore = f.status();
    f.ownCheck = ownCheck(f, e, scan);
    if (scan.hasDigest()) {
      f.lastFullCheckAt = now;
      f.digestActual = scan.digest();
      f.documentsNonconforming = scan.nonConforming();
      f.digestWanted = false;
    } else if (v.verified()) {
      // The count is right again (or still): only the digest can tell whether the content is too.
      f.digestWanted = f.digestWanted || (f.status() == FileStatus.MISMATCH && countChanged);
    }
    // A FAILED file stays FAILED: it is counted for what it left in MongoDB, never verified.
    if ((scan.hasDigest() || !v.verified()) && f.status() != FileStatus.FAILED) {
      f.ownVerdict = v;
      settle(f, now);
    }
    if (!f.ownCheck.equals(before) || f.status() != statusBefore) {
      settleDependents(f.fileId, now); // their verdicts and messages rest on this file's result
    }
  }

  /**
   * What this check found of the file's own documents; a count-only audit keeps the last digest
   * verdict.
   */
  private static OwnCheck ownCheck(FileRecord f, Expected e, StoredScan scan) {
    boolean content =
        scan.hasDigest()
            ? Reconciliation.contentMatches(e, scan)
            : f.ownCheck == null || f.ownCheck.contentMatches();
    return new OwnCheck(scan.count(), e.expectedDocuments(), content);
  }

  /**
   * The status of a file whose own verdict is known: MISMATCH when its invariants break, else
   * decided by the files it counted duplicates of (VERIFIED, still INGESTED while one is unchecked,
   * or MISMATCH).
   */
  private void settle(FileRecord f, Instant now) {
    Reconciliation.Verdict own = f.ownVerdict;
    if (!own.verified()) {
      move(f, new FileLifecycle.Checked(false, Dependencies.Outcome.HOLDS));
      f.problems = own.problems();
      return;
    }
    Dependencies.Verdict deps =
        Dependencies.evaluate(cleaner.of(f.fileId).duplicatesOf(), this::dependency);
    List<String> problems = new ArrayList<>(deps.problems());
    problems.addAll(own.problems());
    f.problems = List.copyOf(problems);
    FileStatus statusBefore = f.status();
    move(f, new FileLifecycle.Checked(true, deps.outcome()));
    if (f.status() == FileStatus.VERIFIED && statusBefore != FileStatus.VERIFIED) {
      IntegrityEvent before = restored.get(f.fileId);
      boolean sameAsBeforeRestart =
          f.verifiedAt == null
              && before != null
              && before.status() == FileStatus.VERIFIED
              && before.verifiedAt() != null;
      f.verifiedAt = sameAsBeforeRestart ? before.verifiedAt() : now;
    }
  }

  /**
   * Settles again the files whose status rests on {@code fileId}'s documents, after its own result
   * changed.
   */
  private void settleDependents(String fileId, Instant now) {
    for (FileRecord d : files.values()) {
      boolean decided =
          d.ownVerdict != null
              && d.checkedVersion == d.version
              && !d.fileId.equals(fileId)
              && (d.status() == FileStatus.INGESTED
                  || d.status() == FileStatus.VERIFIED
                  || d.status() == FileStatus.MISMATCH);
      if (decided && cleaner.of(d.fileId).duplicatesOf().containsKey(fileId)) {
        settle(d, now);
      }
    }
  }

  /**
   * What a dependent needs to know of the file {@code id}; null when the verifier never heard of
   * it.
   */
  private Dependencies.Dependency dependency(String id) {
    FileRecord f = files.get(id);
    return f == null
        ? null
        : new Dependencies.Dependency(f.fileId, f.fileName, f.status(), f.ownCheck);
  }

  /** A live (not rolled back) file that counted rows as duplicates of another file's documents. */
  public record Dependent(String fileId, String fileName, long rows) {}

  /** The live files that counted rows as duplicates of {@code fileId}'s documents, by file id. */
  public synchronized List<Dependent> dependentsOf(String fileId) {
    List<Dependent> out = new ArrayList<>();
    for (FileRecord f : files.values()) {
      long rows = cleaner.of(f.fileId).duplicatesOf().getOrDefault(fileId, 0L);
      if (rows > 0 && f.status() != FileStatus.ROLLED_BACK && !f.fileId.equals(fileId)) {
        out.add(new Dependent(f.fileId, f.fileName, rows));
      }
    }
    out.sort(Comparator.comparing(Dependent::fileId));
    return out;
  }

  /**
   * Records a check MongoDB could not answer: the file waits (never MISMATCH) until one answers.
   */
  public synchronized void checkFailed(CheckRequest r, String error) {
    FileRecord f = files.get(r.fileId());
    if (f != null) {
      f.lastCheckError = error;
      f.unanswered = WaitCause.store(error);
    }
  }

  /**
   * The outcome of the verifier's own store probe: null when MongoDB answered, else why not. Files
   * waiting to settle turn WAITING while it does not answer, and get a fresh settle clock once it
   * does.
   */
  public synchronized void storeProbed(String unanswered) {
    storeUnanswered = unanswered == null ? null : WaitCause.store(unanswered);
  }

  /**
   * The pipeline-wide causes open now (from the health of the broker and the services): files they
   * keep from settling turn WAITING with the cause instead of reaching the settle timeout.
   */
  public synchronized void blockedBy(Blockers now) {
    blockers = now == null ? Blockers.NONE : now;
  }

  /** As {@link #checkTimeouts(Instant, StagesBehind)} with no stage known to be behind. */
  public synchronized void checkTimeouts(Instant now) {
    checkTimeouts(now, StagesBehind.NONE);
  }

  /**
   * Turns files that did not settle in time MISMATCH, files MongoDB does not answer for WAITING,
   * idle ingests STALLED. A file whose timeout ran out while the stage it waits for still has
   * records to read ({@code behind}) is WAITING with that cause instead: a delay, not a loss.
   */
  public synchronized void checkTimeouts(Instant now, StagesBehind behind) {
    Duration stalledAfter = config.getAlerts().getStalledAfter();
    Duration timeout = config.getSettleTimeout();
    for (FileRecord f : files.values()) {
      Expected e = expected(f);
      if (f.status() == FileStatus.VERIFIED && !e.settled()) {
        // Numbers that stop adding up after verification: wait for them again, bounded by the
        // settle timeout.
        move(f, new FileLifecycle.Unsettled());
        f.settleFrom = now;
      }
      boolean expired = f.settleFrom != null && !now.isBefore(f.settleFrom.plus(timeout));
      List<String> unsettled =
          expired ? Reconciliation.unsettled(e, timeout.toSeconds()) : List.of();
      String delay = behind.delay(e.cleanerDone(), e.loaderDone());
      boolean idle =
          !stalledAfter.isZero()
              && !Duration.between(f.lastProgressAt, now).minus(stalledAfter).isNegative();
      State before = f.state;
      move(
          f,
          new FileLifecycle.Tick(
              blockedBy(f, e),
              expired,
              delay == null ? null : WaitCause.stageBehind(delay),
              !unsettled.isEmpty() || f.lastCheckError != null,
              f.checkedVersion == f.version,
              idle));
      if (f.status() == FileStatus.WAITING) {
        f.problems = List.of(f.state.cause().problem());
      } else if (before.status() == FileStatus.WAITING) {
        f.settleFrom = now; // the cause is gone: a fresh settle clock
        f.problems = List.of();
      } else if (before.status() != FileStatus.MISMATCH && f.status() == FileStatus.MISMATCH) {
        List<String> problems = new ArrayList<>(unsettled);
        if (problems.isEmpty()) {
          problems.add(
              "MongoDB check did not complete within "
                  + timeout.toSeconds()
                  + "s: "
                  + (f.lastCheckError == null ? "no answer" : f.lastCheckError));
        }
        f.problems = List.copyOf(problems);
        f.checkedVersion = f.version;
      }
    }
  }

  /**
   * What keeps {@code f} from being checked now, or null: MongoDB's answer to its own last check
   * (once settled; an unsettled file is never checked, so the probe decides), the store probe, the
   * broker, or the service of a stage that has not accounted for the file yet.
   */
  private WaitCause blockedBy(FileRecord f, Expected e) {
    WaitCause store = e.settled() && f.unanswered != null ? f.unanswered : storeUnanswered;
    if (store != null || e.settled()) {
      return store;
    }
    if (blockers.broker() != null) {
      return blockers.broker();
    }
    if (!e.cleanerDone() && blockers.cleaner() != null) {
      return blockers.cleaner();
    }
    return !e.loaderDone() ? blockers.loader() : null;
  }

  /**
   * The files a cause affects, by id, for the alert naming them: the WAITING ones whose cause
   * matches {@code waitingFor}, and those still in flight (not settled, not waiting for another
   * cause) whose numbers match {@code inFlight}.
   */
  public synchronized List<String> affected(
      java.util.function.Predicate<WaitCause> waitingFor,
      java.util.function.Predicate<Expected> inFlight) {
    List<String> out = new ArrayList<>();
    for (FileRecord f : files.values()) {
      boolean waiting = f.status() == FileStatus.WAITING;
      boolean hit =
          waiting
              ? waitingFor.test(f.state.cause())
              : !f.status().settled() && inFlight.test(expected(f));
      if (hit) {
        out.add(f.fileId);
      }
    }
    return out;
  }

  /**
   * Integrity events to publish: every status change, count changes at most once per publish
   * interval.
   */
  public synchronized List<IntegrityEvent> changedEvents(Instant now) {
    List<IntegrityEvent> out = new ArrayList<>();
    for (FileRecord f : files.values()) {
      IntegrityEvent current = view(f, null);
      IntegrityEvent last =
          f.lastPublished != null ? f.lastPublished : withoutAt(restored.get(f.fileId));
      if (current.equals(last)) {
        continue;
      }
      boolean statusChanged = last == null || last.status() != current.status();
      boolean rateOk =
          f.lastPublishedAt == null
              || !f.lastPublishedAt.plus(config.getPublishInterval()).isAfter(now);
      if (statusChanged || rateOk) {
        f.lastPublished = current;
        f.lastPublishedAt = now;
        out.add(withAt(current, now));
      }
    }
    return out;
  }

  /** Every file, newest first (by start, else discovery time). */
  public synchronized List<IntegrityEvent> snapshot(Instant now) {
    return newestFirst.values().stream().map(f -> shown(f, now)).toList();
  }

  /**
   * One page of the files matching {@code q}, newest first: read off the newest-first index and
   * filtered on the files' own fields, so only the files on the page are formatted.
   */
  public synchronized FilePage page(FileQuery q, Instant now) {
    long skip = (long) (q.page() - 1) * q.size();
    long total = 0;
    List<IntegrityEvent> items = new ArrayList<>();
    Map<FileStatus, Long> counts = new EnumMap<>(FileStatus.class);
    for (FileRecord f : newestFirst.values()) {
      IntegrityEvent published = standby.getAsBoolean() ? restored.get(f.fileId) : null;
      FileStatus status = published != null ? published.status() : f.status();
      counts.merge(status, 1L, Long::sum);
      String source = published != null ? published.source() : f.source;
      if (!q.matches(status, f.fileId, f.fileName, source, f.mapping)) {
        continue;
      }
      if (total >= skip && items.size() < q.size()) {
        items.add(shown(f, now));
      }
      total++;
    }
    return new FilePage(total, q.page(), q.size(), List.copyOf(items), counts);
  }

  /** How many integrity views this ledger has built (formatted files): the cost of a listing. */
  synchronized long viewsBuilt() {
    return viewsBuilt;
  }

  public synchronized Optional<IntegrityEvent> find(String fileId, Instant now) {
    return Optional.ofNullable(files.get(fileId)).map(f -> shown(f, now));
  }

  /**
   * While {@code standby} holds, {@link #snapshot} and {@link #find} show what the active instance
   * published for a file (a standby checks nothing, so its own status would say INGESTED for every
   * verified file), and the instance's own view only for files the active one announced nothing of.
   */
  public void showPublishedWhile(java.util.function.BooleanSupplier standby) {
    this.standby = standby;
  }

  private IntegrityEvent shown(FileRecord f, Instant now) {
    IntegrityEvent published = restored.get(f.fileId);
    return standby.getAsBoolean() && published != null ? published : view(f, now);
  }

  /**
   * Whether the file's own latest check found fewer documents than it stored (e.g. after the store
   * was reset): a replay of it must roll it back first, or its rows would count as duplicates of
   * documents that are gone.
   */
  public synchronized boolean documentsGone(String fileId) {
    FileRecord f = files.get(fileId);
    return f != null
        && f.status() != FileStatus.ROLLED_BACK
        && f.ownCheck != null
        && f.ownCheck.found() < f.ownCheck.expected();
  }

  /** Record time of the latest DISCOVERED event, if any. */
  public synchronized Optional<Instant> lastDiscoveredAt() {
    return Optional.ofNullable(lastDiscoveredAt);
  }

  /** How many files are in each status, for metrics. */
  public synchronized Map<FileStatus, Long> countByStatus() {
    Map<FileStatus, Long> counts = new EnumMap<>(FileStatus.class);
    for (FileStatus s : FileStatus.values()) {
      counts.put(s, 0L);
    }
    files.values().forEach(f -> counts.merge(f.status(), 1L, Long::sum));
    return counts;
  }

  private IntegrityEvent view(FileRecord f, Instant at) {
    viewsBuilt++;
    return IntegrityViews.of(f, expected(f), at, config.getOutcome());
  }

  private static IntegrityEvent withoutAt(IntegrityEvent e) {
    return e == null ? null : IntegrityViews.withAt(e, null);
  }

  private static IntegrityEvent withAt(IntegrityEvent e, Instant at) {
    return IntegrityViews.withAt(e, at);
  }
}
