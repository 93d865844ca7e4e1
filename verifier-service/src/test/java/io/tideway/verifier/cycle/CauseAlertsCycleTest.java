package io.tideway.verifier.cycle;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.FakeStore;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.MutableClock;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.alert.AlertRules;
import io.tideway.verifier.alert.CauseAlerts;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.health.ComponentHealth;
import io.tideway.verifier.health.HealthView;
import io.tideway.verifier.health.PipelineHealth;
import io.tideway.verifier.ledger.FileLedger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cause alerts end to end over the ledger: the cause is named, the files wait, never MISMATCH. */
class CauseAlertsCycleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifierConfig config = new VerifierConfig();
  private final FakeStore store = new FakeStore();
  private final RecordingOutput out = new RecordingOutput();
  private final AlertBook alerts = new AlertBook();
  private final List<BsonDocument> docs = Fixtures.documents("f1", 10);
  private final AtomicReference<PipelineHealth> health =
      new AtomicReference<>(PipelineHealth.UNKNOWN);
  private FileLedger ledger;
  private VerificationCycle cycle;

  @BeforeEach
  void setUp() {
    config.getAlerts().setRejectRate(0.5);
    ledger = new FileLedger(config, Fixtures.MAPPINGS);
    HealthView view =
        new HealthView() {
          @Override
          public void storeProbed(ComponentHealth s) {}

          @Override
          public PipelineHealth current() {
            return health.get();
          }
        };
    AlertRules rules = new AlertRules(config.getAlerts(), alerts);
    cycle =
        new VerificationCycle(
            ledger,
            rules,
            store,
            store,
            out,
            clock,
            List::of,
            AuditBudgets.digestOnly(config.getDigestBudget()),
            view,
            new CauseAlerts(alerts));
  }

  private IntegrityEvent f1() {
    return ledger.find("f1", clock.instant()).orElseThrow();
  }

  private static PipelineHealth services(ComponentHealth... services) {
    return PipelineHealth.of(null, null, List.of(services), List.of(), null);
  }

  private static ComponentHealth loader(HealthState state, String reason) {
    return new ComponentHealth("loader-service", state, reason, null, "http://localhost:8083");
  }

  @Test
  void aLoaderDownKeepsItsFilesWaitingPastTheSettleTimeoutAndTheAlertNamesThem() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), clock.instant());
    ledger.onCleanStats(Fixtures.stats("f1", 0, 10, 1, 1, Fixtures.digest(docs)), clock.instant());
    ledger.onReceipt(Fixtures.receipt(0, 0, 5, "f1", 6, 0, 0, null), clock.instant());
    health.set(services(loader(HealthState.DOWN, "not answering: ConnectException")));

    for (int i = 0; i < 3; i++) {
      clock.advance(config.getSettleTimeout());
      cycle.run();
      assertThat(f1().status()).isEqualTo(FileStatus.WAITING);
    }
    assertThat(f1().problems())
        .singleElement()
        .asString()
        .contains("loader-service is DOWN", "ConnectException", "delayed, not lost");
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(tuple("SERVICE_DOWN/loader-service", Alert.State.OPEN));
    assertThat(out.alerts.get(0).files()).containsExactly("f1");
    assertThat(out.alerts.get(0).message()).contains("loader-service is DOWN", "f1");

    health.set(services(loader(HealthState.UP, null)));
    ledger.onReceipt(Fixtures.receipt(1, 0, 3, "f1", 4, 0, 0, null), clock.instant());
    store.put("f1", docs);
    cycle.run();
    cycle.run();
    assertThat(f1().status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(
            tuple("SERVICE_DOWN/loader-service", Alert.State.OPEN),
            tuple("SERVICE_DOWN/loader-service", Alert.State.RESOLVED));
  }

  @Test
  void aStoreAlertNamesTheFilesInFlightAndIsAnnouncedAgainOnlyWhenThatListChanges() {
    health.set(
        PipelineHealth.of(
            ComponentHealth.down("mongodb", "Timeout while receiving message"),
            null,
            List.of(),
            List.of(),
            null));
    ledger.onFileEvent(
        Fixtures.fileEvent(io.tideway.contracts.payload.FileEventType.STARTED, "f1", 0),
        clock.instant());
    cycle.publish();
    cycle.publish();
    ledger.onFileEvent(
        Fixtures.fileEvent(io.tideway.contracts.payload.FileEventType.STARTED, "f2", 0),
        clock.instant());
    cycle.publish();
    health.set(PipelineHealth.UNKNOWN);
    cycle.publish();
    assertThat(out.alerts)
        .extracting(Alert::state, Alert::files)
        .containsExactly(
            tuple(Alert.State.OPEN, List.of("f1")),
            tuple(Alert.State.OPEN, List.of("f1", "f2")),
            tuple(Alert.State.RESOLVED, List.of("f1", "f2")));
    assertThat(out.alerts.get(1).message())
        .startsWith("MongoDB does not answer the verifier: Timeout while receiving message")
        .endsWith("2 files wait: f1, f2");
  }

  /** The driver's reasons end in a full stop; the alert goes on after them without ".;". */
  @Test
  void aStoreAlertReadsAsOneSentenceWhenTheReasonEndsInAFullStop() {
    health.set(
        PipelineHealth.of(
            ComponentHealth.down("mongodb", "Operation exceeded the timeout limit."),
            null,
            List.of(),
            List.of(),
            null));
    ledger.onFileEvent(
        Fixtures.fileEvent(io.tideway.contracts.payload.FileEventType.STARTED, "f1", 0),
        clock.instant());
    cycle.publish();
    assertThat(out.alerts.get(0).message())
        .isEqualTo(
            "MongoDB does not answer the verifier: Operation exceeded the timeout limit; 1 file"
                + " waits: f1");
  }

  @Test
  void aDegradedLoaderIsNoOutage() {
    health.set(services(loader(HealthState.DEGRADED, "MongoDB unreachable")));
    cycle.run();
    assertThat(out.alerts).isEmpty();
  }

  @Test
  void anUnreachableSourceOpensOnceAndResolvesOnce() {
    SourceHealth down =
        new SourceHealth("s3://bucket/in/", HealthState.DOWN, "polling failed: refused", null);
    SourceHealth up = new SourceHealth("s3://bucket/in/", HealthState.UP, null, clock.instant());
    health.set(PipelineHealth.of(null, null, List.of(), List.of(down), null));
    cycle.run();
    cycle.run();
    health.set(PipelineHealth.of(null, null, List.of(), List.of(up), null));
    cycle.run();
    cycle.run();
    assertThat(out.alerts)
        .extracting(Alert::id, Alert::state)
        .containsExactly(
            tuple("SOURCE_UNREACHABLE/s3://bucket/in/", Alert.State.OPEN),
            tuple("SOURCE_UNREACHABLE/s3://bucket/in/", Alert.State.RESOLVED));
    // A source holds up no file already in the pipeline: its message does not count any.
    assertThat(out.alerts.get(0).message())
        .isEqualTo(
            "source s3://bucket/in/ cannot be read: polling failed: refused; no file arrives from"
                + " it until it answers");
  }

  @Test
  void anUnreachableBrokerKeepsUnsettledFilesWaiting() {
    ledger.onFileEvent(Fixtures.fileEvent(COMPLETED, "f1", 12), clock.instant());
    health.set(
        PipelineHealth.of(
            null,
            ComponentHealth.down("kafka", "broker localhost:9092 does not answer: timeout"),
            List.of(),
            List.of(),
            null));
    clock.advance(config.getSettleTimeout());
    cycle.run();
    assertThat(f1().status()).isEqualTo(FileStatus.WAITING);
    assertThat(f1().problems()).singleElement().asString().startsWith("Kafka did not answer");
    assertThat(out.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("BROKER_UNREACHABLE/kafka");
              assertThat(a.files()).containsExactly("f1");
            });
  }

  @Test
  void aFileFailedInIngestRaisesIngestFailedWithTheReasonAtTheNextPublish() {
    ledger.onFileEvent(
        new FileEvent(
            FileEvent.SCHEMA,
            FAILED,
            "f1",
            "f1.csv",
            Fixtures.MAPPING,
            "inbox",
            0,
            0,
            null,
            null,
            null,
            "row 1: not a CSV file (binary content)",
            clock.instant(),
            0),
        clock.instant());
    cycle.publish();
    assertThat(out.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("INGEST_FAILED/f1");
              assertThat(a.message()).contains("f1.csv", "not a CSV file (binary content)");
              assertThat(a.files()).containsExactly("f1");
            });
  }
}
