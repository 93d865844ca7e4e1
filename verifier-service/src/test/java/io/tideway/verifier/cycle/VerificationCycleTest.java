package io.tideway.verifier.cycle;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.DISCOVERED;
import static io.tideway.contracts.payload.FileEventType.FAILED;
import static io.tideway.contracts.payload.FileEventType.PROGRESS;
import static io.tideway.contracts.payload.FileEventType.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.verifier.FakeStore;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.MutableClock;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.lag.LagStatus;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.ledger.StagesBehind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine end to end over an in-memory MongoDB side. */
class VerificationCycleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifierConfig config = new VerifierConfig();
  private final FakeStore store = new FakeStore();
  private final RecordingOutput out = new RecordingOutput();
  private final AlertBook alerts = new AlertBook();
  private final List<BsonDocument> docs = Fixtures.documents("f1", 10);
  private FileLedger ledger;
  private VerificationCycle cycle;

  @BeforeEach
  void setUp() {
    config
        .getAlerts()
        .setRejectRate(
            0.5); // the fixture rejects 1 of 12 rows; REJECT_RATE is tested in AlertRulesTest
    ledger = new FileLedger(config, Fixtures.MAPPINGS);
    cycle = cycle(AuditBudgets.digestOnly(config.getDigestBudget()));
  }

  private VerificationCycle cycle(AuditBudgets budgets) {
    return Cycles.over(ledger, config, alerts, store, out, clock, List::of, budgets);
  }

  private FileStatus status() {
    return ledger.find("f1", clock.instant()).orElseThrow().status();
  }

  private Instant now() {
    return clock.instant();
  }

  /** 12 rows: 10 cleaned over two partitions, 1 duplicate, 1 rejected; all 10 loaded and stored. */
  private void ingestCompleteFile() {
    Fixtures.ingestCompleteFile(ledger, "f1", docs, now());
    store.put("f1", docs);
  }

  @Test
  void walksDiscoveredIngestingIngestedVerified() {
    ledger.onFileEvent(Fixtures.fileEvent(DISCOVERED, "f1", 0), now());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.DISCOVERED);
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "f1", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(PROGRESS, "f1", 5), now());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTING);
    assertThat(ledger.find("f1", now()).orElseThrow().rowsRead()).isEqualTo(5);

    ingestCompleteFile();
    cycle.run();

    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(e.rowsRead()).isEqualTo(12);
    assertThat(e.documentsInMongo()).isEqualTo(10);
    assertThat(e.digestActual()).isEqualTo(e.digestExpected()).isEqualTo(Fixtures.digest(docs));
    assertThat(e.problems()).isEmpty();
    assertThat(out.events)
        .extracting(IntegrityEvent::status)
        .containsExactly(FileStatus.DISCOVERED, FileStatus.INGESTING, FileStatus.VERIFIED);
    assertThat(out.alerts).isEmpty();
  }

  @Test
  void aFileCleanedBeforeDigestV2VerifiesByItsV1DigestAndCatchesAnEditInIt() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 10), now());
    ledger.onCleanStats(legacy(Fixtures.stats("f1", 0, 10, 0, 0, v1Digest(docs))), now());
    ledger.onReceipt(legacy(Fixtures.receipt(0, 0, 9, "f1", 10, 0, 0, null)), now());
    store.put("f1", docs);
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(e.digestActual()).isEqualTo(e.digestExpected()).isEqualTo(v1Digest(docs));
    assertThat(e.problems()).isEmpty();

    store.edit("f1", 2, "patient", "name", new BsonString("Someone Else"));
    clock.advance(config.getRecentDigestAuditInterval().plusSeconds(1));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.MISMATCH);
  }

  @Test
  void aFileWhoseCleanerPartitionsCarryDifferentDigestVersionsVerifiesWithANoteNotAMismatch() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 10), now());
    // Partition 0 was counted by a cleaner before the upgrade, partition 1 after it.
    ledger.onCleanStats(
        legacy(Fixtures.stats("f1", 0, 6, 0, 0, v1Digest(docs.subList(0, 6)))), now());
    ledger.onCleanStats(
        Fixtures.stats("f1", 1, 4, 0, 0, Fixtures.digest(docs.subList(6, 10))), now());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "f1", 6, 0, 0, null), now());
    ledger.onReceipt(Fixtures.receipt(1, 0, 3, "f1", 4, 0, 0, null), now());
    store.put("f1", docs);
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(e.problems())
        .singleElement()
        .asString()
        .contains("different digest versions: cleaner v1+v3");
    assertThat(out.alerts).isEmpty();
  }

  private static CleanStats legacy(CleanStats s) {
    return new CleanStats(
        1,
        s.fileId(),
        s.fileName(),
        s.partition(),
        s.cleaned(),
        s.duplicates(),
        s.rejected(),
        s.digest(),
        s.warnings(),
        s.updatedAt(),
        s.duplicatesOf());
  }

  private static LoadReceipt legacy(LoadReceipt r) {
    return new LoadReceipt(
        1, r.topic(), r.partition(), r.fromOffset(), r.toOffset(), r.files(), r.at());
  }

  private static String v1Digest(List<BsonDocument> docs) {
    ContentDigest d = new ContentDigest(DigestVersion.V1);
    docs.forEach(d::add);
    return d.hex();
  }

  @Test
  void staysIngestedUntilTheNumbersAddUpThenVerifies() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    ledger.onCleanStats(
        Fixtures.stats("f1", 0, 6, 1, 0, Fixtures.digest(docs.subList(0, 6))), now());
    store.put("f1", docs.subList(0, 6));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTED);
    assertThat(store.scans).isZero(); // MongoDB is not asked before both sides settled

    ingestCompleteFile();
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
  }

  @Test
  void aFileWhoseLoaderStillHasRecordsToReadWaitsAtTheSettleTimeoutInsteadOfTurningMismatch() {
    List<GroupLag> lag = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(loaderLag(500)));
    cycle =
        Cycles.over(
            ledger,
            config,
            alerts,
            store,
            out,
            clock,
            () -> lag,
            AuditBudgets.digestOnly(config.getDigestBudget()));
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    ledger.onCleanStats(Fixtures.stats("f1", 0, 10, 1, 1, Fixtures.digest(docs)), now());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "f1", 6, 0, 0, null), now());

    clock.advance(config.getSettleTimeout());
    cycle.run();
    IntegrityEvent waiting = ledger.find("f1", now()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(FileStatus.WAITING);
    assertThat(waiting.problems())
        .singleElement()
        .asString()
        .contains("loader still has 497 records to read", "delayed, not lost");
    clock.advance(config.getSettleTimeout());
    cycle.run();
    assertThat(status())
        .as("still behind: still waiting, however long")
        .isEqualTo(FileStatus.WAITING);
    assertThat(out.alerts).extracting(Alert::id).doesNotContain("MISMATCH/f1");

    // A loader that has not committed its first batch yet is behind too.
    lag.set(0, new GroupLag(StagesBehind.LOADER_GROUP, false, LagStatus.OK, 0, List.of()));
    clock.advance(config.getSettleTimeout());
    cycle.run();
    assertThat(ledger.find("f1", now()).orElseThrow().problems())
        .singleElement()
        .asString()
        .contains("loader has not committed its first batch yet");

    // The loader catches up: its last receipt arrives and the file verifies.
    lag.set(0, loaderLag(3));
    ledger.onReceipt(Fixtures.receipt(1, 0, 3, "f1", 4, 0, 0, null), now());
    store.put("f1", docs);
    cycle.run();
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
  }

  /**
   * The loader's group with {@code lag} records left over its three partitions (3 are commit
   * markers).
   */
  private static GroupLag loaderLag(long lag) {
    List<GroupLag.PartitionLag> partitions =
        List.of(
            new GroupLag.PartitionLag("tideway.cleaned", 0, 0, lag, lag, LagStatus.OK),
            new GroupLag.PartitionLag("tideway.cleaned", 1, 0, 0, 0, LagStatus.OK),
            new GroupLag.PartitionLag("tideway.cleaned", 2, 0, 0, 0, LagStatus.OK));
    return new GroupLag(StagesBehind.LOADER_GROUP, true, LagStatus.OK, lag, partitions);
  }

  @Test
  void aFileThatNeverSettlesTurnsMismatchAfterTheSettleTimeoutNamingTheShortSide() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    ledger.onCleanStats(Fixtures.stats("f1", 0, 10, 1, 1, Fixtures.digest(docs)), now());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "f1", 6, 0, 0, null), now());
    clock.advance(config.getSettleTimeout().minusSeconds(1));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTED);

    clock.advance(Duration.ofSeconds(1));
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(e.problems())
        .singleElement()
        .asString()
        .contains("loader side", "4 documents short");
    assertThat(out.alerts).extracting(Alert::id).containsExactly("MISMATCH/f1");

    // The late receipt arrives: the file verifies and the alert resolves.
    ledger.onReceipt(Fixtures.receipt(1, 0, 3, "f1", 4, 0, 0, null), now());
    store.put("f1", docs);
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out.alerts)
        .extracting(Alert::state)
        .containsExactly(Alert.State.OPEN, Alert.State.RESOLVED);
  }

  @Test
  void aDocumentDeletedBehindThePipelinesBackIsFoundByTheAudit() {
    ingestCompleteFile();
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);

    store.delete("f1", 3);
    clock.advance(config.getAuditInterval());
    cycle.run();

    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(e.documentsInMongo()).isEqualTo(9);
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).contains("documents_in_mongo 9", "1 documents missing"));
    assertThat(alerts.isOpen("MISMATCH/f1")).isTrue();

    // Audits keep running but the alert is announced once.
    clock.advance(config.getAuditInterval());
    cycle.run();
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(out.alerts).hasSize(1);
  }

  @Test
  void aMismatchVerifiesAgainWhenTheDocumentComesBackButIsNotRescannedWhileNothingChanges() {
    ingestCompleteFile();
    cycle.run();
    store.delete("f1", 3);
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.MISMATCH);

    int digestScans = store.digestScans;
    // Counted, not re-digested, while still short (until the periodic full re-audit is due).
    long audits = config.getRecentDigestAuditInterval().dividedBy(config.getAuditInterval()) - 2;
    int scans = store.scans;
    for (int i = 0; i < audits; i++) {
      clock.advance(config.getAuditInterval());
      cycle.run();
    }
    assertThat(audits).isPositive();
    assertThat(store.scans).isEqualTo(scans + audits);
    assertThat(store.digestScans).isEqualTo(digestScans);

    store.put("f1", docs);
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(store.digestScans).isEqualTo(digestScans + 1);
    assertThat(out.alerts)
        .extracting(Alert::state)
        .containsExactly(Alert.State.OPEN, Alert.State.RESOLVED);
  }

  @Test
  void olderFilesAreCountedOnTheSlowCycle() {
    ingestCompleteFile();
    cycle.run();
    clock.advance(config.getRecentWindow());
    cycle.run();
    int scans = store.scans;
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(store.scans).isEqualTo(scans);
    clock.advance(config.getOldAuditInterval());
    cycle.run();
    assertThat(store.scans).isEqualTo(scans + 1);
  }

  @Test
  void recentFilesAreCountedOftenAndFullyReauditedLessOften() {
    ingestCompleteFile();
    cycle.run();
    int digestScans = store.digestScans;
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(store.digestScans).isEqualTo(digestScans);
    assertThat(store.scans).isEqualTo(digestScans + 1);
    clock.advance(config.getRecentDigestAuditInterval().minus(config.getAuditInterval()));
    cycle.run();
    assertThat(store.digestScans).isEqualTo(digestScans + 1);
  }

  @Test
  void olderFilesAreFullyReauditedOnTheSlowInterval() {
    ingestCompleteFile();
    cycle.run();
    clock.advance(config.getRecentWindow().plusSeconds(1));
    cycle.run(); // overdue since long: one full re-audit now
    int digestScans = store.digestScans;
    clock.advance(config.getRecentDigestAuditInterval());
    cycle.run();
    assertThat(store.digestScans).isEqualTo(digestScans);
    clock.advance(config.getDigestAuditInterval());
    cycle.run();
    assertThat(store.digestScans).isEqualTo(digestScans + 1);
  }

  @Test
  void periodicFullReauditsStayWithinTheDigestBudgetButFirstChecksDoNot() {
    config.setDigestBudget(0.25);
    Duration scan = Duration.ofSeconds(4);
    store.onScan = () -> clock.advance(scan);
    ingestCompleteFile();
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f2", 3), now());
    ledger.onCleanStats(
        Fixtures.stats("f2", 0, 3, 0, 0, Fixtures.digest(Fixtures.documents("f2", 3))), now());
    ledger.onReceipt(Fixtures.receipt(0, 6, 8, "f2", 3, 0, 0, null), now());
    store.put("f2", Fixtures.documents("f2", 3));
    cycle.runDigests(Integer.MAX_VALUE);
    assertThat(store.digestScans).isEqualTo(2); // both first checks at once, whatever they cost

    clock.advance(config.getRecentDigestAuditInterval());
    cycle.runDigests(Integer.MAX_VALUE);
    assertThat(store.digestScans)
        .isEqualTo(3); // one re-audit of 4s; the other waits 4 x 0.75 / 0.25 = 12s
    clock.advance(Duration.ofSeconds(11));
    cycle.runDigests(Integer.MAX_VALUE);
    assertThat(store.digestScans).isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    cycle.runDigests(Integer.MAX_VALUE);
    assertThat(store.digestScans).isEqualTo(4);
    assertThat(VerificationCycle.pause(scan, 1.0)).isZero();
  }

  @Test
  void alteredContentIsMismatchAtTheNextDigestAudit() {
    ingestCompleteFile();
    cycle.run();
    // Same type, other value: only the digest can tell.
    docs.get(0).put("billing_amount", new BsonDecimal128(Decimal128.parse("-1.00")));
    store.put("f1", docs);
    clock.advance(config.getDigestAuditInterval());
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(e.problems()).singleElement().asString().contains("content differs");
    assertThat(e.documentsNonconforming()).isZero();
  }

  @Test
  void mistypedStoredFieldsAreMismatchNamingFieldAndRowThenVerifyWhenRepaired() {
    ingestCompleteFile();
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    BsonValue age = docs.get(2).getDocument("patient").get("age");
    store.edit("f1", 2, "patient", "age", new BsonString("33"));
    store.edit("f1", 5, "stay", "admission_date", new BsonString("2024-01-25"));
    clock.advance(config.getDigestAuditInterval());
    cycle.run();

    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(e.documentsInMongo()).isEqualTo(10);
    assertThat(e.documentsNonconforming()).isEqualTo(2);
    assertThat(e.problems())
        .contains(
            "2 of 10 stored documents do not conform to the mapping (a field missing or of another BSON type)",
            "patient.age: string in 1 document, mapping 'healthcare-admissions' says int32 (first at row 4 of the file)",
            "stay.admission_date: string in 1 document, mapping 'healthcare-admissions' says date (first at row 7 of the file)");
    assertThat(String.join(" ", e.problems())).doesNotContain("2024-01-25");
    assertThat(out.events).last().extracting(IntegrityEvent::documentsNonconforming).isEqualTo(2L);

    store.edit("f1", 2, "patient", "age", age);
    store.edit(
        "f1", 5, "stay", "admission_date", docs.get(4).getDocument("stay").get("admission_date"));
    clock.advance(config.getDigestAuditInterval());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(ledger.find("f1", now()).orElseThrow().documentsNonconforming()).isZero();
  }

  @Test
  void failedIngestIsFailedWithTheReason() {
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "f1", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(FAILED, "f1", 0), now());
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.FAILED);
    assertThat(e.problems()).containsExactly("ingest failed: unreadable");
  }

  @Test
  void aRetriedIngestLeavesFailedAndARepeatedCompletedChangesNothing() {
    ledger.onFileEvent(Fixtures.fileEvent(FAILED, "f1", 0), now());
    cycle.run();
    ingestCompleteFile(); // STARTED again, then COMPLETED
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(ledger.find("f1", now()).orElseThrow().problems()).isEmpty();
    int published = out.events.size();

    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out.events).hasSize(published);
  }

  @Test
  void unchangedCountersResentAfterVerificationDoNotTriggerAFullCheck() {
    ingestCompleteFile();
    cycle.run();
    int digestScans = store.digestScans;
    ledger.onCleanStats(
        Fixtures.stats("f1", 1, 4, 0, 1, Fixtures.digest(docs.subList(6, 10))), now());
    cycle.run();
    assertThat(store.digestScans).isEqualTo(digestScans);
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
  }

  @Test
  void anIdleIngestIsStalledUntilProgressResumes() {
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "f1", 0), now());
    clock.advance(config.getAlerts().getStalledAfter());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.STALLED);
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED/f1", Alert.State.OPEN));

    ledger.onFileEvent(Fixtures.fileEvent(PROGRESS, "f1", 100), now());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTING);
    assertThat(out.alerts)
        .extracting(Alert::state)
        .containsExactly(Alert.State.OPEN, Alert.State.RESOLVED);
  }

  @Test
  void countChangesArePublishedAtMostOncePerIntervalButStatusChangesAtOnce() {
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "f1", 0), now());
    cycle.run();
    ledger.onFileEvent(Fixtures.fileEvent(PROGRESS, "f1", 10), now());
    cycle.run();
    ledger.onFileEvent(Fixtures.fileEvent(PROGRESS, "f1", 20), now());
    cycle.run();
    assertThat(out.events).hasSize(1);
    clock.advance(config.getPublishInterval());
    cycle.run();
    assertThat(out.events).hasSize(2);
    assertThat(out.events.get(1).rowsRead()).isEqualTo(20);
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 20), now());
    cycle.run();
    assertThat(out.events).extracting(IntegrityEvent::status).last().isEqualTo(FileStatus.INGESTED);
    cycle.run();
    assertThat(out.events).hasSize(3);
  }

  @Test
  void anEventAlreadyPublishedBeforeARestartIsNotPublishedAgain() {
    ingestCompleteFile();
    cycle.run();
    IntegrityEvent published = out.events.get(out.events.size() - 1);

    FileLedger restarted = new FileLedger(config, Fixtures.MAPPINGS);
    RecordingOutput out2 = new RecordingOutput();
    AlertBook book2 = new AlertBook();
    VerificationCycle cycle2 = Cycles.over(restarted, config, book2, store, out2, clock);
    restarted.restorePublished(published);
    ledger = restarted;
    ingestCompleteFile();
    cycle2.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out2.events).isEmpty();
  }

  @Test
  void progressOfEitherSideRestartsTheSettleClockSoASlowLoadIsNeverMismatch() {
    // Defect 2: a healthy file whose loader needs longer than the settle timeout, still climbing.
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    ledger.onCleanStats(Fixtures.stats("f1", 0, 10, 1, 1, Fixtures.digest(docs)), now());
    store.put("f1", docs);
    Duration step = config.getSettleTimeout().minusSeconds(20);
    for (int batch = 0; batch < 4; batch++) {
      clock.advance(step);
      ledger.onReceipt(Fixtures.receipt(0, batch * 2L, batch * 2L + 1, "f1", 2, 0, 0, null), now());
      cycle.run();
      assertThat(status()).as("after batch %d", batch).isEqualTo(FileStatus.INGESTED);
    }
    assertThat(out.alerts).isEmpty();

    // Then it stops moving: a finding only after a whole timeout without progress.
    clock.advance(config.getSettleTimeout().minusSeconds(1));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTED);
    clock.advance(Duration.ofSeconds(1));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(ledger.find("f1", now()).orElseThrow().problems())
        .singleElement()
        .asString()
        .contains("loader side", "2 documents short");
  }

  @Test
  void documentsInMongoIsUnknownNotZeroUntilACheckAnswers() {
    ingestCompleteFile();
    assertThat(ledger.find("f1", now()).orElseThrow().documentsInMongo()).isNull();
    store.failure = new IllegalStateException("Timed out while receiving message");
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.documentsInMongo()).isNull();
    assertThat(io.tideway.contracts.json.Json.toJson(e)).contains("\"documents_in_mongo\":null");
    assertThat(out.events).extracting(IntegrityEvent::documentsInMongo).containsOnlyNulls();

    store.failure = null;
    cycle.run();
    assertThat(ledger.find("f1", now()).orElseThrow().documentsInMongo()).isEqualTo(10);
  }

  @Test
  void aSettledFileWhoseChecksGetNoAnswerWaitsInsteadOfTurningMismatch() {
    ingestCompleteFile();
    store.failure = new IllegalStateException("connection refused");
    cycle.run();
    IntegrityEvent e = ledger.find("f1", now()).orElseThrow();
    assertThat(e.status()).isEqualTo(FileStatus.WAITING);
    assertThat(e.status().settled()).isFalse(); // ./pipeline run keeps waiting
    assertThat(e.problems()).containsExactly("MongoDB did not answer: connection refused");
    for (int i = 0; i < 3; i++) {
      clock.advance(config.getSettleTimeout());
      cycle.run();
      assertThat(status()).isEqualTo(FileStatus.WAITING);
    }
    assertThat(out.alerts).extracting(Alert::type).doesNotContain(Alert.AlertType.MISMATCH);

    store.failure = null;
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(ledger.find("f1", now()).orElseThrow().problems()).isEmpty();
  }

  @Test
  void aFileWhoseLoadStopsWhileTheStoreIsDownWaitsThenGetsAFreshSettleClock() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    ledger.onCleanStats(Fixtures.stats("f1", 0, 10, 1, 1, Fixtures.digest(docs)), now());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "f1", 6, 0, 0, null), now());
    cycle.run();
    store.failure = new IllegalStateException("Timed out after 5000 ms while waiting for a server");
    clock.advance(Duration.ofSeconds(30));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.WAITING);
    clock.advance(config.getSettleTimeout().multipliedBy(3));
    cycle.run();
    assertThat(ledger.find("f1", now()).orElseThrow().problems())
        .containsExactly(
            "MongoDB did not answer: Timed out after 5000 ms while waiting for a server");

    store.failure = null; // the store is back: the loader gets a whole settle timeout to catch up
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTED);
    clock.advance(config.getSettleTimeout().minusSeconds(1));
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.INGESTED);
    ledger.onReceipt(Fixtures.receipt(1, 0, 3, "f1", 4, 0, 0, null), now());
    store.put("f1", docs);
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    // No finding, only the cause: opened once naming MongoDB and the file, resolved once.
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("STORE_UNREACHABLE/mongodb", Alert.State.OPEN),
            org.assertj.core.groups.Tuple.tuple("STORE_UNREACHABLE/mongodb", Alert.State.RESOLVED));
    assertThat(out.alerts.get(0).message())
        .contains("MongoDB does not answer", "Timed out after 5000 ms", "f1");
    assertThat(out.alerts.get(0).files()).containsExactly("f1");
  }

  @Test
  void anOpenMismatchAlertFollowsTheCurrentFindingAnnouncedOncePerChange() {
    ingestCompleteFile();
    cycle.run();
    store.delete("f1", 3);
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(out.alerts)
        .singleElement()
        .extracting(Alert::message)
        .asString()
        .contains("1 documents missing");

    store.delete("f1", 3);
    clock.advance(config.getAuditInterval());
    cycle.run();
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(out.alerts).hasSize(2);
    Alert updated = out.alerts.get(1);
    assertThat(updated.id()).isEqualTo("MISMATCH/f1");
    assertThat(updated.state()).isEqualTo(Alert.State.OPEN);
    assertThat(updated.message()).contains("documents_in_mongo 8", "2 documents missing");
    assertThat(alerts.all())
        .filteredOn(a -> a.state() == Alert.State.OPEN)
        .singleElement()
        .extracting(Alert::message)
        .isEqualTo(updated.message());
    assertThat(ledger.find("f1", now()).orElseThrow().problems())
        .anySatisfy(p -> assertThat(updated.message()).contains(p));
  }

  @Test
  void aStoreThatLostItsDataRaisesOneStoreResetAlertNamingTheFilesToReplay() {
    ingestCompleteFile();
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "empty", 1), now());
    ledger.onCleanStats(Fixtures.stats("empty", 0, 0, 1, 0, Fixtures.digest(List.of())), now());
    cycle.run();
    assertThat(store.marker).isNotNull();
    String first = store.marker;
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);

    store.reset(); // e.g. the in-memory store restarted
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(store.marker).isNotNull().isNotEqualTo(first);
    Alert reset =
        out.alerts.stream()
            .filter(a -> a.type() == Alert.AlertType.STORE_RESET)
            .findFirst()
            .orElseThrow();
    assertThat(reset.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(reset.state()).isEqualTo(Alert.State.OPEN);
    assertThat(reset.message())
        .contains("f1 (f1.csv)", "./pipeline replay --file ID")
        .doesNotContain("empty");
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(out.alerts).filteredOn(a -> a.type() == Alert.AlertType.STORE_RESET).hasSize(1);

    // The documents are restored (or replayed): the file verifies again and the alert resolves.
    store.put("f1", docs);
    clock.advance(config.getRecentDigestAuditInterval());
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out.alerts)
        .filteredOn(a -> a.type() == Alert.AlertType.STORE_RESET)
        .extracting(Alert::state)
        .containsExactly(Alert.State.OPEN, Alert.State.RESOLVED);
  }

  @Test
  void aRestartedVerifierAdoptsTheMarkerItFindsAndRaisesNothing() {
    store.marker = "written-before-the-restart";
    ingestCompleteFile();
    cycle.run();
    assertThat(store.marker).isEqualTo("written-before-the-restart");
    assertThat(out.alerts).isEmpty();
  }

  @Test
  void countReAuditsStayWithinTheCountBudget() {
    ingestCompleteFile();
    cycle.run();
    assertThat(status()).isEqualTo(FileStatus.VERIFIED);
    // Each count pass takes 1 s of the store's time; with a budget of 0.1 the next waits 9 s more.
    cycle = cycle(new AuditBudgets(config.getDigestBudget(), 0.1));
    store.onCount = () -> clock.advance(Duration.ofSeconds(1));
    clock.advance(config.getAuditInterval());
    assertThat(cycle.runCounts()).isEqualTo(1);
    clock.advance(config.getAuditInterval());
    assertThat(cycle.runCounts()).as("2 s after a 1 s pass: held back").isZero();
    clock.advance(Duration.ofSeconds(7));
    assertThat(cycle.runCounts()).as("9 s after the pass ended: due again").isEqualTo(1);
  }
}
