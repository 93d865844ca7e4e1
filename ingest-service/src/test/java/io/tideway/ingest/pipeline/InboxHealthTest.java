package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.health.HealthState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxHealthTest {

  @TempDir Path tmp;

  @Test
  void aWritableInboxIsUpAndAMissingOneIsDownWithTheLastGoodTime() throws Exception {
    Path inbox = Files.createDirectory(tmp.resolve("inbox"));
    InboxHealth health = new InboxHealth(inbox);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(health.check(t0).state()).isEqualTo(HealthState.UP);
    Files.delete(inbox);
    var down = health.check(t0.plusSeconds(5));
    assertThat(down.state()).isEqualTo(HealthState.DOWN);
    assertThat(down.reason()).contains("is not a directory");
    assertThat(down.lastSuccessfulPoll()).isEqualTo(t0);
  }
}
