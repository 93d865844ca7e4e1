package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LayoutTest {

  private final Path home = Path.of("/repo");
  private final Layout memory = new Layout(home, home.resolve(".tideway"));

  @Test
  void withoutDataDirTheStoreIsInMemoryAndOnlyKafkaAndCleanerStateAreEphemeral() {
    assertThat(memory.durable()).isFalse();
    assertThat(memory.mongoData()).isNull();
    assertThat(memory.ephemeral()).containsExactly(Path.of("/repo/.tideway/kafka"),
        Path.of("/repo/.tideway/state/cleaner"));
    assertThat(memory.ingestWork()).isEqualTo(Path.of("/repo/.tideway/ingest"));
    assertThat(memory.ephemeral()).noneMatch(p -> memory.ingestWork().startsWith(p));
  }

  @Test
  void aDataDirHoldsEveryPieceOfStateThatDescribesTheStore() {
    Layout durable = memory.withDataDir(Path.of("/data"));
    assertThat(durable.durable()).isTrue();
    assertThat(durable.ephemeral()).isEmpty();
    assertThat(durable.mongoData()).isEqualTo(Path.of("/data/mongo"));
    assertThat(durable.kafka()).isEqualTo(Path.of("/data/kafka"));
    assertThat(durable.cleanerState()).isEqualTo(Path.of("/data/cleaner"));
    assertThat(durable.ingestWork()).isEqualTo(Path.of("/data/ingest"));
    assertThat(durable.runInbox()).isEqualTo(Path.of("/data/inbox"));
    // Logs and PID files are the launcher's own, not the store's.
    assertThat(durable.logs()).isEqualTo(Path.of("/repo/.tideway/logs"));
    assertThat(durable.runDir()).isEqualTo(Path.of("/repo/.tideway/run"));
  }
}
