package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.verifier.reconcile.Expected;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettleRuleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

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
