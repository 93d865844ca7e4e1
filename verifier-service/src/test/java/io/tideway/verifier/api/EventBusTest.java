package io.tideway.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.sse.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBusTest {

  @Test
  void aNewStreamStartsWithAHeartbeatSoThePageKnowsItIsLive() {
    // Well under the 15 s heartbeat period: only an immediate first event arrives in time.
    Event<String> first = new EventBus().stream().blockFirst(Duration.ofSeconds(5));
    assertThat(first).isNotNull();
    assertThat(first.getName()).isEqualTo("ping");
  }
}
