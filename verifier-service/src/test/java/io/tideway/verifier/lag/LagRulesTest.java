package io.tideway.verifier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagRulesTest {

  private static final int WINDOW = 5;

  /** A window from pairs of (committed offset, lag). */
  private static List<LagSample> window(long... offsetLag) {
    List<LagSample> out = new ArrayList<>();
    for (int i = 0; i < offsetLag.length; i += 2) {
      out.add(new LagSample(offsetLag[i], offsetLag[i + 1], Instant.EPOCH.plusSeconds(i)));
    }
    return out;
  }

  @Test
  void lagZeroAnywhereInTheWindowIsOk() {
    assertThat(LagRules.evaluate(window(10, 5, 10, 0, 10, 5, 10, 5, 10, 5), true, WINDOW, 0))
        .isEqualTo(LagStatus.OK);
    assertThat(LagRules.evaluate(window(10, 0), false, WINDOW, 0)).isEqualTo(LagStatus.OK);
  }

  @Test
  void lagWithoutMembersIsStop() {
    assertThat(LagRules.evaluate(window(10, 5), false, WINDOW, 0)).isEqualTo(LagStatus.STOP);
  }

  @Test
  void offsetNotMovingOverAFullWindowIsStall() {
    assertThat(LagRules.evaluate(window(10, 5, 10, 6, 10, 7, 10, 8, 10, 9), true, WINDOW, 0))
        .isEqualTo(LagStatus.STALL);
    assertThat(LagRules.evaluate(window(10, 5, 10, 6, 10, 7), true, WINDOW, 0))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void movingButNeverCatchingUpIsWarn() {
    assertThat(LagRules.evaluate(window(10, 5, 20, 5, 30, 6, 40, 7, 50, 9), true, WINDOW, 0))
        .isEqualTo(LagStatus.WARN);
  }

  @Test
  void lagGoingDownIsOk() {
    assertThat(LagRules.evaluate(window(10, 50, 20, 60, 30, 40, 40, 45, 50, 50), true, WINDOW, 0))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void aLagWithinToleranceCountsAsCaughtUp() {
    assertThat(LagRules.evaluate(window(10, 1, 10, 1, 10, 1, 10, 1, 10, 1), true, WINDOW, 1))
        .isEqualTo(LagStatus.OK);
    assertThat(LagRules.evaluate(window(10, 1), false, WINDOW, 1)).isEqualTo(LagStatus.OK);
    assertThat(LagRules.evaluate(window(10, 2), false, WINDOW, 1)).isEqualTo(LagStatus.STOP);
  }

  @Test
  void aGroupIsAsBadAsItsWorstPartition() {
    assertThat(LagStatus.OK.worst(LagStatus.STALL).worst(LagStatus.WARN))
        .isEqualTo(LagStatus.STALL);
  }
}
