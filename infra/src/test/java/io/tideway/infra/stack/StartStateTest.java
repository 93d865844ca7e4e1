package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.MappingCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartStateTest {

  @TempDir Path home;

  private Path inbox() {
    return home.resolve("inbox");
  }

  private StackSettings settings(String kafka, String mongo) {
    return new StackSettings(
        kafka, mongo, 9092, 27017, 8080, StackSettings.LOOPBACK, 3, "tideway.", inbox(), 1);
  }

  private static Path write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void theStateFoundIsStaleOnlyBehindAnEmbeddedInMemoryStore() {
    Layout memory = new Layout(home, home.resolve(".tideway"));
    Layout durable = memory.withDataDir(home.resolve("data"));
    record Case(Layout layout, String kafka, String mongo, boolean stale) {}
    for (Case c :
        List.of(
            new Case(memory, null, null, true),
            new Case(memory, "broker:9092", null, false),
            new Case(memory, null, "mongodb://db", false),
            new Case(memory, "broker:9092", "mongodb://db", false),
            new Case(durable, null, null, false),
            new Case(durable, "broker:9092", null, false),
            new Case(durable, null, "mongodb://db", false))) {
      assertThat(StartState.stale(c.layout(), settings(c.kafka(), c.mongo())))
          .as(c.toString())
          .isEqualTo(c.stale());
    }
  }

  @Test
  void aStartWithoutDataDirWipesKafkaAndCleanerStateButNeverInput() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    Path work = layout.ingestWork();
    Path kafkaLog = write(layout.kafka().resolve("data/tideway.raw-0/0.log"), "log");
    Path dedup = write(layout.cleanerState().resolve("store/000001.sst"), "sst");
    Path archived = write(work.resolve("archive/2024-05-01/3f2a_a.csv"), "archived");
    Path failed = write(work.resolve("error/b.csv"), "failed");
    Path failedWhy = write(work.resolve("error/b.csv.error.json"), "{}");
    Path claimed =
        write(
            work.resolve("processing").resolve(MappingCatalog.DEFAULT_MAPPING).resolve("c.csv"),
            "claimed c");
    Path manifest = write(claimed.resolveSibling(".c.csv.ingest.json"), "{\"file_id\":\"x\"}");
    Path namesake =
        write(
            work.resolve("processing").resolve(MappingCatalog.DEFAULT_MAPPING).resolve("d.csv.gz"),
            "claimed d");
    Path waiting = write(inbox().resolve("d.csv.gz"), "a newer d waits in the inbox");
    Path otherMapping = write(work.resolve("processing/retail-orders/e.csv"), "claimed e");
    Path origin =
        write(
            otherMapping.resolveSibling(".e.csv.origin"), "s3://bucket/inbox/retail-orders/e.csv");

    List<ClaimReturn.Returned> returned = StartState.prepare(layout, settings(null, null));

    assertThat(kafkaLog).doesNotExist();
    assertThat(dedup).doesNotExist();
    assertThat(archived).hasContent("archived");
    assertThat(failed).hasContent("failed");
    assertThat(failedWhy).exists();
    assertThat(returned).hasSize(3);
    assertThat(claimed).doesNotExist();
    assertThat(manifest).doesNotExist();
    assertThat(inbox().resolve("c.csv")).hasContent("claimed c");
    assertThat(waiting).hasContent("a newer d waits in the inbox");
    assertThat(inbox().resolve("d.returned-1.csv.gz")).hasContent("claimed d");
    assertThat(namesake).doesNotExist();
    assertThat(inbox().resolve("retail-orders/e.csv")).hasContent("claimed e");
    assertThat(inbox().resolve("retail-orders/.e.csv.origin"))
        .hasContent("s3://bucket/inbox/retail-orders/e.csv");
    assertThat(origin).doesNotExist();
  }

  @Test
  void aStartWithDataDirResumesEverythingAsFound() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway")).withDataDir(home.resolve("data"));
    Path kafkaLog = write(layout.kafka().resolve("data/meta.properties"), "cluster");
    Path dedup = write(layout.cleanerState().resolve("store/000001.sst"), "sst");
    Path claimed =
        write(layout.ingestWork().resolve("processing/healthcare-admissions/c.csv"), "claimed c");

    assertThat(StartState.prepare(layout, settings(null, null))).isEmpty();

    assertThat(kafkaLog).exists();
    assertThat(dedup).exists();
    assertThat(claimed).hasContent("claimed c");
  }

  @Test
  void aStoreFileOfAnEarlierVersionMovesIntoItsFolder() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway")).withDataDir(home.resolve("data"));
    Path legacy = write(home.resolve("data/tideway.mv"), "h2");

    StartState.prepare(layout, settings(null, null));

    assertThat(legacy).doesNotExist();
    assertThat(layout.mongoData().resolve("tideway.mv")).hasContent("h2");
  }

  @Test
  void withExternalKafkaClaimsStayForIngestToResume() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    Path dedup = write(layout.cleanerState().resolve("store/000001.sst"), "sst");
    Path claimed =
        write(layout.ingestWork().resolve("processing/healthcare-admissions/c.csv"), "claimed c");

    assertThat(StartState.prepare(layout, settings("broker:9092", null))).isEmpty();

    assertThat(dedup).exists();
    assertThat(claimed).exists();
  }

  @Test
  void aStaleStartReturnsTheClaimsOfEveryReplicaAndWipesEveryCleanerState() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    Path mine =
        write(
            layout.ingestWork(1).resolve("processing/healthcare-admissions/r1.csv"),
            "claimed by replica 1");
    Path gone =
        write(
            layout.ingestWork(3).resolve("processing/retail-orders/r3.csv"),
            "claimed by replica 3");
    Path archived =
        write(layout.ingestWork(1).resolve("archive/2024-05-01/3f2a_a.csv"), "archived");
    Path reserved = write(layout.ingestIds().resolve("3f2a"), "");
    Path dedup1 = write(layout.cleanerState(1).resolve("store/000001.sst"), "sst");
    Path dedup3 = write(layout.cleanerState(3).resolve("store/000001.sst"), "sst");

    List<ClaimReturn.Returned> returned =
        StartState.prepare(layout, settings(null, null).withReplicas(2));

    assertThat(returned)
        .extracting(ClaimReturn.Returned::from)
        .containsExactlyInAnyOrder(mine, gone);
    assertThat(inbox().resolve("r1.csv")).hasContent("claimed by replica 1");
    assertThat(inbox().resolve("retail-orders/r3.csv")).hasContent("claimed by replica 3");
    assertThat(archived).hasContent("archived");
    assertThat(reserved)
        .as("ids stay taken: a re-drop of an archived file still gets ID-2")
        .exists();
    assertThat(dedup1).doesNotExist();
    assertThat(dedup3).doesNotExist();
  }

  @Test
  void aDurableStartWithFewerReplicasHandsTheirClaimsToARunningReplica() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway")).withDataDir(home.resolve("data"));
    Path dir = layout.ingestWork(2).resolve("processing/healthcare-admissions");
    Path claimed = write(dir.resolve("c.csv"), "claimed c by replica 2");
    write(dir.resolve(".c.csv.ingest.json"), "{\"file_id\":\"x\"}");
    Path busy = write(dir.resolve("d.csv"), "claimed d by replica 2");
    write(
        layout.ingestWork(0).resolve("processing/healthcare-admissions/d.csv"),
        "another d in flight on replica 0");

    assertThat(StartState.prepare(layout, settings(null, null).withReplicas(1))).isEmpty();

    Path resumed = layout.ingestWork(0).resolve("processing/healthcare-admissions");
    assertThat(claimed).doesNotExist();
    assertThat(resumed.resolve("c.csv")).hasContent("claimed c by replica 2");
    assertThat(resumed.resolve(".c.csv.ingest.json")).hasContent("{\"file_id\":\"x\"}");
    assertThat(busy)
        .as("a namesake is in flight on every running replica: left for a later start")
        .hasContent("claimed d by replica 2");
    assertThat(resumed.resolve("d.csv")).hasContent("another d in flight on replica 0");
  }
}
