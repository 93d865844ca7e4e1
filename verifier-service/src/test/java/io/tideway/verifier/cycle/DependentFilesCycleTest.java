package io.tideway.verifier.cycle;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.DISCOVERED;
import static io.tideway.contracts.payload.FileEventType.FAILED;
import static io.tideway.contracts.payload.FileEventType.ROLLED_BACK;
import static io.tideway.contracts.payload.FileEventType.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
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
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file whose rows were counted as duplicates of another file's documents is VERIFIED only while
 * that file holds them (issue 11, defects 1 and 4).
 */
class DependentFilesCycleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifierConfig config = new VerifierConfig();
  private final FakeStore store = new FakeStore();
  private final RecordingOutput out = new RecordingOutput();
  private final AlertBook alerts = new AlertBook();
  private final List<BsonDocument> docsA = Fixtures.documents("a", 10);
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

  private IntegrityEvent file(String id) {
    return ledger.find(id, now()).orElseThrow();
  }

  /**
   * A completed file of {@code rows} rows, every one counted as a duplicate of a document of
   * another file.
   */
  private void allDuplicatesOf(String fileId, long rows, Map<String, Long> duplicatesOf) {
    ledger.onFileEvent(Fixtures.fileEvent(DISCOVERED, fileId, 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, fileId, 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, fileId, rows), now());
    ledger.onCleanStats(
        Fixtures.stats(fileId, 0, 0, rows, 0, ContentDigest.format(0), duplicatesOf), now());
  }

  /** Nothing changes but time: the periodic count and full audits run. */
  private void audit() {
    clock.advance(config.getRecentDigestAuditInterval());
    cycle.run();
  }

  @Test
  void aFileOfDuplicatesIsNotVerifiedOnceTheDocumentsItPointsToAreGone() {
    store.put("a", docsA);
    Fixtures.ingestCompleteFile(ledger, "a", docsA, now());
    allDuplicatesOf("b", 10, Map.of("a", 10L));
    cycle.run();
    assertThat(file("b").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(file("b").documentsInMongo()).isZero();

    // The store is switched or the collection dropped behind the pipeline's back.
    store.put("a", List.of());
    audit();

    IntegrityEvent b = file("b");
    assertThat(file("a").status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(b.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(b.problems())
        .singleElement()
        .asString()
        .contains(
            "10 rows counted as duplicates of file a (a.csv, MISMATCH) point to documents missing from MongoDB",
            "its check found 0 of 10 documents",
            "roll back and replay this file");
    assertThat(alerts.isOpen("MISMATCH/b")).isTrue();

    // The documents come back: both verify again.
    store.put("a", docsA);
    audit();
    audit();
    assertThat(file("a").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(file("b").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(file("b").problems()).isEmpty();
  }

  @Test
  void aFileWaitsWhileTheFileItDuplicatesIsStillLoadingEvenPastTheSettleTimeout() {
    ledger.onFileEvent(Fixtures.fileEvent(DISCOVERED, "a", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "a", 0), now());
    allDuplicatesOf("b", 4, Map.of("a", 4L));
    cycle.run();
    clock.advance(config.getSettleTimeout().plusSeconds(1));
    cycle.run();

    IntegrityEvent waiting = file("b");
    assertThat(waiting.status()).isEqualTo(FileStatus.INGESTED);
    assertThat(waiting.problems())
        .singleElement()
        .asString()
        .contains("waiting for the MongoDB check of file a (a.csv, INGESTING): 4 rows");

    store.put("a", docsA);
    Fixtures.ingestCompleteFile(ledger, "a", docsA, now());
    cycle.run();
    assertThat(file("a").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(file("b").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out.events)
        .filteredOn(e -> e.fileId().equals("b"))
        .extracting(IntegrityEvent::status)
        .doesNotContain(FileStatus.MISMATCH);
  }

  @Test
  void twoFilesThatCountedDuplicatesOfEachOtherBothVerify() {
    List<BsonDocument> docsB = Fixtures.documents("b", 10);
    store.put("a", docsA);
    store.put("b", docsB);
    Fixtures.ingestCompleteFile(ledger, "a", docsA, now());
    Fixtures.ingestCompleteFile(ledger, "b", docsB, now(), 100);
    // Partition 0's duplicate of each file was first seen in the other one.
    ledger.onCleanStats(
        Fixtures.stats("a", 0, 6, 1, 0, Fixtures.digest(docsA.subList(0, 6)), Map.of("b", 1L)),
        now());
    ledger.onCleanStats(
        Fixtures.stats("b", 0, 6, 1, 0, Fixtures.digest(docsB.subList(0, 6)), Map.of("a", 1L)),
        now());
    cycle.run();

    assertThat(file("a").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(file("b").status()).isEqualTo(FileStatus.VERIFIED);
  }

  @Test
  void aFailedFilesPartialLoadIsCountedAlertedAndARollbackOfItBreaksItsDependents() {
    // 6 rows cleaned and loaded, then the file failed (a truncated gzip).
    List<BsonDocument> loaded = docsA.subList(0, 6);
    store.put("a", loaded);
    ledger.onFileEvent(Fixtures.fileEvent(DISCOVERED, "a", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "a", 0), now());
    ledger.onCleanStats(Fixtures.stats("a", 0, 6, 0, 0, Fixtures.digest(loaded)), now());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "a", 6, 0, 0, null), now());
    ledger.onFileEvent(Fixtures.fileEvent(FAILED, "a", 0), now());
    // The repaired file: its first 6 rows are duplicates of the failed file's documents.
    List<BsonDocument> rest = Fixtures.documents("b", 4);
    store.put("b", rest);
    ledger.onFileEvent(Fixtures.fileEvent(DISCOVERED, "b", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(STARTED, "b", 0), now());
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "b", 10), now());
    ledger.onCleanStats(
        Fixtures.stats("b", 0, 4, 6, 0, Fixtures.digest(rest), Map.of("a", 6L)), now());
    ledger.onReceipt(Fixtures.receipt(0, 6, 9, "b", 4, 0, 0, null), now());
    cycle.run();

    IntegrityEvent failed = file("a");
    assertThat(failed.status()).isEqualTo(FileStatus.FAILED);
    assertThat(failed.documentsInMongo()).isEqualTo(6);
    assertThat(out.alerts)
        .filteredOn(x -> x.id().equals("PARTIAL_LOAD/a"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.state()).isEqualTo(Alert.State.OPEN);
              assertThat(x.message())
                  .contains("a.csv", "left 6 documents in MongoDB", "./pipeline rollback --file a");
            });
    assertThat(file("b").status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(ledger.dependentsOf("a")).containsExactly(new FileLedger.Dependent("b", "b.csv", 6));

    // Rolled back anyway (e.g. by the loader directly): the repaired file's duplicates point to
    // nothing.
    store.put("a", List.of());
    ledger.onFileEvent(Fixtures.fileEvent(ROLLED_BACK, "a", 6), now());
    cycle.run();
    IntegrityEvent orphaned = file("b");
    assertThat(orphaned.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(orphaned.problems())
        .singleElement()
        .asString()
        .contains(
            "6 rows counted as duplicates of file a (a.csv, ROLLED_BACK) point to documents missing");
    assertThat(alerts.isOpen("PARTIAL_LOAD/a")).isFalse();
    assertThat(ledger.dependentsOf("b")).isEmpty();
  }
}
