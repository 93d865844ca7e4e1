package io.tideway.loader.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoaderHealthTest {

  @Test
  void startsStartingAndKeepsTheFirstMomentOfADegradation() {
    LoaderHealth health = new LoaderHealth();
    assertThat(health.current().state()).isEqualTo(LoaderHealth.State.STARTING);

    health.degraded("MongoDB unreachable");
    LoaderHealth.Snapshot first = health.current();
    health.degraded("MongoDB unreachable (retry 2)");
    assertThat(health.current().state()).isEqualTo(LoaderHealth.State.DEGRADED);
    assertThat(health.current().reason()).isEqualTo("MongoDB unreachable (retry 2)");
    assertThat(health.current().since())
        .as("degraded since the first failure")
        .isEqualTo(first.since());

    health.up();
    assertThat(health.current().state()).isEqualTo(LoaderHealth.State.UP);
    assertThat(health.current().reason()).isNull();

    health.down("consumer closed");
    assertThat(health.current().state()).isEqualTo(LoaderHealth.State.DOWN);
    assertThat(health.current().reason()).isEqualTo("consumer closed");
  }
}
