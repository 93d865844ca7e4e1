package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.ledger.SettleRule.Step;
import io.tideway.verifier.reconcile.Expected;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettleRuleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  static Stream<Arguments> steps() {
    return Stream.of(
        // status, unanswered, seconds since the settle clock started, step
        Arguments.of(FileStatus.INGESTED, null, 119, Step.KEEP),
        Arguments.of(FileStatus.INGESTED, null, 120, Step.MISMATCH),
        Arguments.of(FileStatus.INGESTED, "timeout", 5, Step.WAIT),
        Arguments.of(FileStatus.INGESTED, "timeout", 500, Step.WAIT),
        Arguments.of(FileStatus.WAITING, "timeout", 500, Step.WAIT),
        Arguments.of(FileStatus.WAITING, null, 500, Step.RESUME),
        Arguments.of(FileStatus.VERIFIED, "timeout", 500, Step.KEEP),
        Arguments.of(FileStatus.MISMATCH, null, 500, Step.KEEP),
        Arguments.of(FileStatus.INGESTING, "timeout", 500, Step.KEEP),
        Arguments.of(FileStatus.ROLLED_BACK, null, 500, Step.KEEP));
  }

  @ParameterizedTest
  @MethodSource("steps")
  void step(FileStatus status, String unanswered, long seconds, Step expected) {
    assertThat(SettleRule.step(status, unanswered, T0, T0.plusSeconds(seconds), TIMEOUT))
        .isEqualTo(expected);
  }

  private static Expected counts(long cleanerAccounted, long loaderAccounted) {
    return new Expected(100, cleanerAccounted, 0, 0, "0", loaderAccounted, 0, 0, "0");
  }

  static Stream<Arguments> restarts() {
    Instant later = T0.plusSeconds(60);
    return Stream.of(
        // settle clock, before, after, at, new settle clock
        Arguments.of(T0, counts(100, 50), counts(100, 60), later, later), // loader rose
        Arguments.of(T0, counts(90, 50), counts(100, 50), later, later), // cleaner rose
        Arguments.of(T0, null, counts(1, 0), later, later), // first counts
        Arguments.of(T0, counts(100, 50), counts(100, 50), later, T0), // re-sent, no progress
        Arguments.of(T0, counts(100, 60), counts(100, 50), later, T0), // went down: no progress
        Arguments.of(
            later, counts(100, 50), counts(100, 60), T0, later), // older record: no going back
        Arguments.of(
            null, counts(100, 50), counts(100, 60), later, null)); // not completed: no clock
  }

  @ParameterizedTest
  @MethodSource("restarts")
  void restart(Instant from, Expected before, Expected after, Instant at, Instant expected) {
    assertThat(SettleRule.restart(from, before, after, at)).isEqualTo(expected);
  }
}
