package io.tideway.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheMaximumAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofMillis(1000));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(400));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(800));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(1000));
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
  }
}
