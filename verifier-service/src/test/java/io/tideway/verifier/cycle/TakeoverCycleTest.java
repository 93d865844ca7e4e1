package io.tideway.verifier.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.FakeStore;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.MutableClock;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.ledger.FileLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A standby verifier taking over from a dead active one: it rebuilt the same ledger from the topics
 * and read the verdicts the active one published; a file verified before stays VERIFIED through the
 * takeover (no INGESTED in between) while its numbers are those of the verdict, and its audits
 * still run on the new active instance.
 */
class TakeoverCycleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifierConfig config = new VerifierConfig();
  private final FakeStore store = new FakeStore();
  private final List<BsonDocument> docs = Fixtures.documents("f1", 10);
  private IntegrityEvent published;

  @BeforeEach
  void theActiveInstanceVerifiesTheFile() {
    config.getAlerts().setRejectRate(0.5);
    FileLedger active = new FileLedger(config, Fixtures.MAPPINGS);
    RecordingOutput out = new RecordingOutput();
    Fixtures.ingestCompleteFile(active, "f1", docs, clock.instant());
    store.put("f1", docs);
    cycle(active, out).run();
    published = out.events.get(out.events.size() - 1);
    assertThat(published.status()).isEqualTo(FileStatus.VERIFIED);
  }

  private VerificationCycle cycle(FileLedger ledger, RecordingOutput out) {
    return Cycles.over(ledger, config, new AlertBook(), store, out, clock);
  }

  /**
   * The standby's ledger: the same topics, and the active one's verdict read off the integrity
   * topic.
   */
  private FileLedger standby() {
    FileLedger standby = new FileLedger(config, Fixtures.MAPPINGS);
    Fixtures.ingestCompleteFile(standby, "f1", docs, clock.instant());
    standby.restorePublished(published);
    return standby;
  }

  @Test
  void aVerifiedFileStaysVerifiedThroughTheTakeover() {
    FileLedger successor = standby();
    RecordingOutput out = new RecordingOutput();
    clock.advance(Duration.ofSeconds(12));

    cycle(successor, out).publish(); // the first announcement may precede any MongoDB check

    IntegrityEvent now = successor.find("f1", clock.instant()).orElseThrow();
    assertThat(now.status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(now.verifiedAt()).isEqualTo(published.verifiedAt());
    assertThat(now.documentsInMongo()).isEqualTo(10);
    assertThat(out.events).extracting(IntegrityEvent::status).doesNotContain(FileStatus.INGESTED);
  }

  @Test
  void aStandbyShowsWhatTheActiveInstancePublished() {
    FileLedger standby = standby();
    standby.showPublishedWhile(() -> true);

    assertThat(standby.find("f1", clock.instant()).orElseThrow()).isEqualTo(published);
    assertThat(standby.snapshot(clock.instant())).containsExactly(published);
  }

  @Test
  void theCarriedVerdictIsStillAuditedOnTheNewActiveInstance() {
    FileLedger successor = standby();
    RecordingOutput out = new RecordingOutput();
    VerificationCycle cycle = cycle(successor, out);
    cycle.publish();
    store.put("f1", docs.subList(0, 7)); // three documents deleted behind the pipeline's back

    cycle.run();

    IntegrityEvent now = successor.find("f1", clock.instant()).orElseThrow();
    assertThat(now.status()).isEqualTo(FileStatus.MISMATCH);
    assertThat(now.documentsInMongo()).isEqualTo(7);
  }

  @Test
  void aVerdictOnOtherNumbersIsNotCarriedOver() {
    FileLedger successor = new FileLedger(config, Fixtures.MAPPINGS);
    Fixtures.ingestCompleteFile(successor, "f1", docs, clock.instant());
    successor.restorePublished(
        new IntegrityEvent(
            published.schema(),
            published.fileId(),
            published.fileName(),
            published.mapping(),
            FileStatus.VERIFIED,
            published.rowsRead() - 1,
            published.cleaned(),
            published.duplicates(),
            published.rejected(),
            published.inserted(),
            published.matched(),
            published.failed(),
            published.documentsInMongo(),
            0,
            published.digestExpected(),
            published.digestActual(),
            List.of(),
            published.startedAt(),
            published.completedAt(),
            published.verifiedAt(),
            published.at(),
            null,
            null,
            null));

    assertThat(successor.carryOverPublished()).isZero();
    assertThat(successor.find("f1", clock.instant()).orElseThrow().status())
        .isEqualTo(FileStatus.INGESTED);
  }
}
