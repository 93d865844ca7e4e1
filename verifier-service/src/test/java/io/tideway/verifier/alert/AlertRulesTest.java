package io.tideway.verifier.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.config.VerifierConfig;
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
    return new IntegrityEvent(IntegrityEvent.SCHEMA, "f1", "a.csv", "m", status, rowsRead, rowsRead - rejected, 0,
        rejected, 0, 0, 0, 0, null, null, List.of("documents_in_mongo 9 != 10"), T0, T0, null, null);
  }

  @Test
  void anAlertOpensOnceAndResolvesOnce() {
    assertThat(book.open(AlertType.MISMATCH, "f1", "f1", Alert.Severity.CRITICAL, "x", T0)).isPresent();
    assertThat(book.open(AlertType.MISMATCH, "f1", "f1", Alert.Severity.CRITICAL, "x", T0)).isEmpty();
    assertThat(book.resolve(AlertType.MISMATCH, "f1", "ok", T0)).get()
        .extracting(Alert::state, Alert::severity).containsExactly(Alert.State.RESOLVED, Alert.Severity.CRITICAL);
    assertThat(book.resolve(AlertType.MISMATCH, "f1", "ok", T0)).isEmpty();
    assertThat(book.resolve(AlertType.STALLED, "never", "ok", T0)).isEmpty();
  }

  @Test
  void mismatchOpensWithTheProblemsAndResolvesWhenTheFileVerifies() {
    List<Alert> opened = rules.evaluate(List.of(file(FileStatus.MISMATCH, 10, 0)), Optional.empty(), T0, T0);
    assertThat(opened).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("MISMATCH/f1");
      assertThat(a.state()).isEqualTo(Alert.State.OPEN);
      assertThat(a.message()).contains("a.csv", "documents_in_mongo 9 != 10");
    });
    assertThat(rules.evaluate(List.of(file(FileStatus.MISMATCH, 10, 0)), Optional.empty(), T0, T0)).isEmpty();
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 10, 0)), Optional.empty(), T0, T0))
        .extracting(Alert::state).containsExactly(Alert.State.RESOLVED);
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 10, 0)), Optional.empty(), T0, T0)).isEmpty();
  }

  @Test
  void rejectRateAboveTheThresholdOpensOnce() {
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 5)), Optional.empty(), T0, T0)).isEmpty();
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 6)), Optional.empty(), T0, T0))
        .singleElement().satisfies(a -> {
          assertThat(a.id()).isEqualTo("REJECT_RATE/f1");
          assertThat(a.message()).contains("6 of 100");
        });
    assertThat(rules.evaluate(List.of(file(FileStatus.VERIFIED, 100, 6)), Optional.empty(), T0, T0)).isEmpty();
  }

  @Test
  void noInputOpensAfterTheQuietPeriodAndResolvesOnTheNextFile() {
    config.setNoInputAfter(Duration.ofMinutes(5));
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(299))).isEmpty();
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(300)))
        .extracting(Alert::id).containsExactly("NO_INPUT/pipeline");
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plusSeconds(400))).isEmpty();
    assertThat(rules.evaluate(List.of(), Optional.of(T0.plusSeconds(401)), T0, T0.plusSeconds(402)))
        .extracting(Alert::state).containsExactly(Alert.State.RESOLVED);
  }

  @Test
  void noInputIsDisabledByDefault() {
    assertThat(rules.evaluate(List.of(), Optional.empty(), T0, T0.plus(Duration.ofDays(1)))).isEmpty();
  }
}
