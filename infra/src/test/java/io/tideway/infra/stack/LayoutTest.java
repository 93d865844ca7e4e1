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
    assertThat(memory.ephemeral())
        .containsExactly(Path.of("/repo/.tideway/kafka"), Path.of("/repo/.tideway/state/cleaner"));
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

  @Test
  void replicaZeroKeepsThePathsOfOneInstanceAndOthersUseNumberedSiblings() {
    Layout durable = memory.withDataDir(Path.of("/data"));
    assertThat(memory.ingestWork(0)).isEqualTo(memory.ingestWork());
    assertThat(memory.ingestWork(2)).isEqualTo(Path.of("/repo/.tideway/ingest-2"));
    assertThat(memory.cleanerState(0)).isEqualTo(memory.cleanerState());
    assertThat(memory.cleanerState(1)).isEqualTo(Path.of("/repo/.tideway/state/cleaner-1"));
    assertThat(durable.ingestWork(1)).isEqualTo(Path.of("/data/ingest-1"));
    assertThat(durable.cleanerState(1)).isEqualTo(Path.of("/data/cleaner-1"));
    assertThat(durable.ingestIds()).isEqualTo(Path.of("/data/ingest/ids"));
  }

  @Test
  void theDirsOfEveryReplicaFoundAreListedInOrderAndNothingElse(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Layout layout = new Layout(tmp, tmp.resolve(".tideway"));
    for (String name :
        new String[] {
          "ingest", "ingest-10", "ingest-2", "ingest-x", "ingest-0", "ingest-ids", "ingest-1"
        }) {
      java.nio.file.Files.createDirectories(tmp.resolve(".tideway").resolve(name));
    }
    assertThat(layout.ingestWorkDirs())
        .containsExactly(
            layout.ingestWork(), layout.ingestWork(1), layout.ingestWork(2), layout.ingestWork(10));
  }
}
