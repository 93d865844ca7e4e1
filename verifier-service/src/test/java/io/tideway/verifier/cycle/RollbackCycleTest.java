package io.tideway.verifier.cycle;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.ROLLED_BACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.FakeStore;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.MutableClock;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.ledger.FileLedger;
import java.time.Instant;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator rollback (ROLLED_BACK on the files topic) ends a file's life: final, not audited,
 * alert resolved.
 */
class RollbackCycleTest {

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
    config.getAlerts().setRejectRate(0.5);
    ledger = new FileLedger(config, Fixtures.MAPPINGS);
    cycle = Cycles.over(ledger, config, alerts, store, out, clock);
  }

  private Instant now() {
    return clock.instant();
  }

  private IntegrityEvent file() {
    return ledger.find("f1", now()).orElseThrow();
  }

  private void ingestCompleteFile(FileLedger target) {
    Fixtures.ingestCompleteFile(target, "f1", docs, now());
  }

  /** The documents are deleted from MongoDB first, then the loader announces the rollback. */
  private void rollBack(FileLedger target) {
    store.put("f1", List.of());
    target.onFileEvent(Fixtures.fileEvent(ROLLED_BACK, "f1", 10), now());
  }

  @Test
  void aRolledBackFileIsFinalAndNoLongerExpectsItsDocuments() {
    store.put("f1", docs);
    ingestCompleteFile(ledger);
    cycle.run();
    assertThat(file().status()).isEqualTo(FileStatus.VERIFIED);

    rollBack(ledger);
    cycle.run();
    int scans = store.scans;
    for (int i = 0; i < 5; i++) {
      clock.advance(config.getDigestAuditInterval());
      cycle.run();
    }

    IntegrityEvent e = file();
    assertThat(e.status()).isEqualTo(FileStatus.ROLLED_BACK);
    assertThat(e.documentsInMongo()).isZero();
    assertThat(e.problems())
        .singleElement()
        .asString()
        .contains("rolled back by operator", "10 documents deleted");
    assertThat(store.scans).as("re-audits stop").isEqualTo(scans);
    assertThat(out.events)
        .extracting(IntegrityEvent::status)
        .endsWith(FileStatus.VERIFIED, FileStatus.ROLLED_BACK);
    assertThat(out.alerts).as("no MISMATCH for the missing documents").isEmpty();

    // Later pipeline events (e.g. a late repeated COMPLETED) do not revive it.
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), now());
    cycle.run();
    assertThat(file().status()).isEqualTo(FileStatus.ROLLED_BACK);
  }

  @Test
  void theOpenMismatchAlertResolvesOnce() {
    store.put("f1", docs);
    ingestCompleteFile(ledger);
    cycle.run();
    store.delete("f1", 0);
    clock.advance(config.getAuditInterval());
    cycle.run();
    assertThat(file().status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(alerts.isOpen("MISMATCH/f1")).isTrue();

    rollBack(ledger);
    cycle.run();
    clock.advance(config.getAuditInterval());
    cycle.run();

    assertThat(file().status()).isEqualTo(FileStatus.ROLLED_BACK);
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("MISMATCH/f1", Alert.State.OPEN),
            org.assertj.core.groups.Tuple.tuple("MISMATCH/f1", Alert.State.RESOLVED));
    assertThat(out.alerts.get(1).message()).contains("rolled back");
  }

  @Test
  void aRollbackOfAnUnknownFileIsIgnored() {
    ledger.onFileEvent(Fixtures.fileEvent(ROLLED_BACK, "nope", 0), now());
    cycle.run();
    assertThat(ledger.find("nope", now())).isEmpty();
    assertThat(out.events).isEmpty();
  }

  @Test
  void afterARestartTheSameStateIsRebuiltFromTheTopicsWithoutAnnouncingAgain() {
    store.put("f1", docs);
    ingestCompleteFile(ledger);
    cycle.run();
    rollBack(ledger);
    cycle.run();
    IntegrityEvent published = out.events.get(out.events.size() - 1);
    assertThat(published.status()).isEqualTo(FileStatus.ROLLED_BACK);

    FileLedger restarted = new FileLedger(config, Fixtures.MAPPINGS);
    RecordingOutput out2 = new RecordingOutput();
    VerificationCycle cycle2 = Cycles.over(restarted, config, new AlertBook(), store, out2, clock);
    restarted.restorePublished(published);
    ingestCompleteFile(restarted);
    restarted.onFileEvent(Fixtures.fileEvent(ROLLED_BACK, "f1", 10), now());
    cycle2.run();

    IntegrityEvent rebuilt = restarted.find("f1", now()).orElseThrow();
    assertThat(rebuilt.status()).isEqualTo(FileStatus.ROLLED_BACK);
    assertThat(rebuilt.problems()).isEqualTo(published.problems());
    assertThat(out2.events).isEmpty();
    assertThat(out2.alerts).isEmpty();
  }
}
