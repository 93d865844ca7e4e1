package io.tideway.contracts.health;

import static io.tideway.contracts.health.HealthState.DEGRADED;
import static io.tideway.contracts.health.HealthState.DOWN;
import static io.tideway.contracts.health.HealthState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthStateTest {

  @ParameterizedTest
  @CsvSource({
    "UP, UP, UP",
    "UP, DEGRADED, DEGRADED",
    "DEGRADED, UP, DEGRADED",
    "DEGRADED, DOWN, DOWN",
    "DOWN, UP, DOWN",
    "DOWN, DEGRADED, DOWN",
    "UP, , UP"
  })
  void theWorseOfTwoWins(HealthState a, HealthState b, HealthState worst) {
    assertThat(a.worst(b)).isEqualTo(worst);
  }

  @org.junit.jupiter.api.Test
  void theScaleIsOrderedFromGoodToBad() {
    assertThat(HealthState.values()).containsExactly(UP, DEGRADED, DOWN);
  }
}
