package io.tideway.verifier.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.lag.LagStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final VerifierConfig.AlertConfig config = new VerifierConfig.AlertConfig();
  private final AlertBook book = new AlertBook();
  private final AlertRules rules = new AlertRules(config, book);

  private static IntegrityEvent file(FileStatus status, long rowsRead, long rejected) {
    return new IntegrityEvent(
        IntegrityEvent.SCHEMA,
        "f1",
        "a.csv",
        "m",
        status,
        rowsRead,
        rowsRead - rejected,
        0,
        rejected,
        0,
        0,
        0,
        0L,
        0,
        null,
        null,
        List.of("documents_in_mongo 9 != 10"),
        T0,
        T0,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void anAlertOpensOnceAndResolvesOnce() {
    assertThat(
            book.open(AlertType.MISMATCH, "f1", "f1", Alert.Severity.CRITICAL, "x", List.of(), T0))
        .isPresent();
    assertThat(
            book.open(AlertType.MISMATCH, "f1", "f1", Alert.Severity.CRITICAL, "x", List.of(), T0))
        .isEmpty();
    assertThat(book.resolve(AlertType.MISMATCH, "f1", "ok", T0))
        .get()
        .extracting(Alert::state, Alert::severity)
        .containsExactly(Alert.State.RESOLVED, Alert.Severity.CRITICAL);
    assertThat(book.resolve(AlertType.MISMATCH, "f1", "ok", T0)).isEmpty();
    assertThat(book.resolve(AlertType.STALLED, "never", "ok", T0)).isEmpty();
  }

  @Test
  void mismatchOpensWithTheProblemsAndResolvesWhenTheFileVerifies() {
    List<Alert> opened =
        rules.evaluate(List.of(file(FileStatus.MISMATCH, 10, 0)), Optional.empty(), T0, T0);
    assertThat(opened)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("MISMATCH/f1");
              assertThat(a.state()).isEqualTo(Alert.State.OPEN);
              assertThat(a.message()).contains("a.csv", "documents_in_mongo 9 != 10");
            });
    assertThat(rules.evaluate(List.of(file(FileStatus.MISMATCH, 10, 0)), Optional.empty(), T0, T0))
        .isEmpty();
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 10, 0)), Optional.empty(), T0, T0))
        .extracting(Alert::state)
        .containsExactly(Alert.State.RESOLVED);
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 10, 0)), Optional.empty(), T0, T0))
        .isEmpty();
  }

  @Test
  void rejectRateAboveTheThresholdOpensOnce() {
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 5)), Optional.empty(), T0, T0))
        .isEmpty();
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 6)), Optional.empty(), T0, T0))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("REJECT_RATE/f1");
              assertThat(a.message()).contains("6 of 100");
            });
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 6)), Optional.empty(), T0, T0))
        .isEmpty();
  }

  @Test
  void noInputOpensAfterTheQuietPeriodAndResolvesOnTheNextFile() {
    config.setNoInputAfter(Duration.ofMinutes(5));
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(299))).isEmpty();
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(300)))
        .extracting(Alert::id)
        .containsExactly("NO_INPUT/pipeline");
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(400))).isEmpty();
    assertThat(rules.evaluate(List.of(), Optional.of(T0.plusSeconds(401)), T0, T0.plusSeconds(402)))
        .extracting(Alert::state)
        .containsExactly(Alert.State.RESOLVED);
  }

  @Test
  void noInputIsDisabledByDefault() {
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plus(Duration.ofDays(1))))
        .isEmpty();
  }

  private static IntegrityEvent inFlight(long accounted, long failed, Instant started) {
    return new IntegrityEvent(
        IntegrityEvent.SCHEMA,
        "f1",
        "a.csv",
        "m",
        FileStatus.INGESTED,
        1000,
        accounted,
        0,
        0,
        accounted - failed,
        0,
        failed,
        accounted - failed,
        0,
        null,
        null,
        List.of(),
        started,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void slowOpensBelowTheFloorAfterTheGraceTimeAndResolvesWhenTheFileSettles() {
    config.setSlowRowsPerS(100);
    config.setSlowAfter(Duration.ofSeconds(30));
    // 10 s in at 10 rows/s: still within the grace time.
    assertThat(
            rules.evaluate(List.of(inFlight(100, 0, T0)), Optional.empty(), T0, T0.plusSeconds(10)))
        .isEmpty();
    assertThat(
            rules.evaluate(List.of(inFlight(400, 0, T0)), Optional.empty(), T0, T0.plusSeconds(40)))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("SLOW/f1");
              assertThat(a.message()).contains("10 rows/s", "floor of 100");
            });
    assertThat(
            rules.evaluate(List.of(inFlight(500, 0, T0)), Optional.empty(), T0, T0.plusSeconds(50)))
        .isEmpty();
    assertThat(
            rules.evaluate(
                List.of(file(FileStatus.VERIFIED, 10, 0)),
                Optional.empty(),
                T0,
                T0.plusSeconds(60)))
        .extracting(Alert::id, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SLOW/f1", Alert.State.RESOLVED));
  }

  @Test
  void slowIsDisabledByDefault() {
    assertThat(
            rules.evaluate(List.of(inFlight(1, 0, T0)), Optional.empty(), T0, T0.plusSeconds(600)))
        .isEmpty();
  }

  @Test
  void dlqGrowthOpensOnNewRefusalsAndResolvesAfterAQuietPeriod() {
    config.setDlqQuietPeriod(Duration.ofMinutes(5));
    // The first evaluation only sets the baseline: refusals from before a restart raise nothing.
    assertThat(rules.evaluate(List.of(inFlight(10, 2, T0)), Optional.empty(), T0, T0)).isEmpty();
    assertThat(
            rules.evaluate(List.of(inFlight(10, 2, T0)), Optional.empty(), T0, T0.plusSeconds(1)))
        .isEmpty();
    assertThat(
            rules.evaluate(List.of(inFlight(20, 5, T0)), Optional.empty(), T0, T0.plusSeconds(2)))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("DLQ_GROWTH/pipeline");
              assertThat(a.message()).contains("3 more documents refused", "5 in all");
            });
    assertThat(
            rules.evaluate(List.of(inFlight(30, 6, T0)), Optional.empty(), T0, T0.plusSeconds(3)))
        .isEmpty();
    assertThat(
            rules.evaluate(List.of(inFlight(30, 6, T0)), Optional.empty(), T0, T0.plusSeconds(200)))
        .isEmpty();
    assertThat(
            rules.evaluate(List.of(inFlight(30, 6, T0)), Optional.empty(), T0, T0.plusSeconds(304)))
        .extracting(Alert::state)
        .containsExactly(Alert.State.RESOLVED);
  }

  private static GroupLag group(LagStatus status, long lag) {
    return new GroupLag("tideway-loader", true, status, lag, List.of());
  }

  @Test
  void laggingOpensOnStallOrStopOnceIgnoresWarnAndResolvesWhenTheGroupIsOk() {
    assertThat(rules.evaluateLag(List.of(group(LagStatus.WARN, 500)), T0))
        .isEmpty(); // growing lag alone is a warning on /api/lag
    List<Alert> stalled = rules.evaluateLag(List.of(group(LagStatus.STALL, 500)), T0);
    assertThat(stalled)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("LAGGING/tideway-loader");
              assertThat(a.state()).isEqualTo(Alert.State.OPEN);
              assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
              assertThat(a.message()).contains("STALL", "lag 500");
            });
    assertThat(rules.evaluateLag(List.of(group(LagStatus.STOP, 500)), T0.plusSeconds(60)))
        .isEmpty(); // already open
    assertThat(rules.evaluateLag(List.of(group(LagStatus.WARN, 200)), T0.plusSeconds(70)))
        .isEmpty(); // not yet OK
    assertThat(rules.evaluateLag(List.of(group(LagStatus.OK, 0)), T0.plusSeconds(80)))
        .extracting(Alert::id, Alert::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("LAGGING/tideway-loader", Alert.State.RESOLVED));

    assertThat(rules.evaluateLag(List.of(group(LagStatus.STOP, 3)), T0.plusSeconds(90)))
        .singleElement()
        .extracting(Alert::severity)
        .isEqualTo(Alert.Severity.CRITICAL);
  }
}
