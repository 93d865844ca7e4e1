package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackSettingsTest {

  @Test
  void servicesListenOnLoopbackUnlessTidewayBindHostSaysOtherwise() {
    record Case(Map<String, String> env, String bindHost) {}
    for (Case c :
        new Case[] {
          new Case(Map.of(), "127.0.0.1"),
          new Case(Map.of("TIDEWAY_BIND_HOST", " "), "127.0.0.1"),
          new Case(Map.of("TIDEWAY_BIND_HOST", "0.0.0.0"), "0.0.0.0")
        }) {
      assertThat(StackSettings.fromEnvironment(c.env(), Path.of("inbox"), null).bindHost())
          .as(c.env().toString())
          .isEqualTo(c.bindHost());
    }
  }

  @Test
  void theLaunchersOtherSettingsComeFromTheEnvironmentWithTheirDefaults() {
    record Case(
        Map<String, String> env,
        String heapInMemory,
        String heapOnDisk,
        short replication,
        String mappingsDir,
        int partitions) {}
    for (Case c :
        new Case[] {
          new Case(Map.of(), "8g", "2g", (short) 1, null, 6),
          new Case(Map.of("TIDEWAY_MONGO_HEAP", " 3g "), "3g", "3g", (short) 1, null, 6),
          new Case(Map.of("TIDEWAY_MONGO_HEAP", " "), "8g", "2g", (short) 1, null, 6),
          new Case(Map.of("TIDEWAY_REPLICATION_FACTOR", "3"), "8g", "2g", (short) 3, null, 6),
          new Case(Map.of("TIDEWAY_MAPPINGS_DIR", "/m:/n"), "8g", "2g", (short) 1, "/m:/n", 6),
          new Case(Map.of("TIDEWAY_MAPPINGS_DIR", ""), "8g", "2g", (short) 1, null, 6),
          new Case(Map.of("TIDEWAY_PARTITIONS", "2"), "8g", "2g", (short) 1, null, 2)
        }) {
      StackSettings s = StackSettings.fromEnvironment(c.env(), Path.of("inbox"), null);
      assertThat(s.mongoHeap(true)).as(c.env().toString()).isEqualTo(c.heapInMemory());
      assertThat(s.mongoHeap(false)).as(c.env().toString()).isEqualTo(c.heapOnDisk());
      assertThat(s.replicationFactor()).as(c.env().toString()).isEqualTo(c.replication());
      assertThat(s.mappingsDir()).as(c.env().toString()).isEqualTo(c.mappingsDir());
      assertThat(s.partitions()).as(c.env().toString()).isEqualTo(c.partitions());
      // Replicas and an isolated stack keep every one of them.
      StackSettings copy = s.withReplicas(3).isolatedOn(1, 2, 3);
      assertThat(copy.mongoHeap(true)).isEqualTo(c.heapInMemory());
      assertThat(copy.replicationFactor()).isEqualTo(c.replication());
      assertThat(copy.mappingsDir()).isEqualTo(c.mappingsDir());
    }
  }

  @Test
  void theInMemoryStoreStartsLargeAndPromotesAtOnceUnlessItsHeapIsSet() {
    StackSettings defaults = StackSettings.fromEnvironment(Map.of(), Path.of("inbox"), null);
    long gib = 1024L * 1024 * 1024;
    assertThat(defaults.mongoGcOptions(true, 24 * gib))
        .containsExactly("-Xms8192m", "-Xmn680m", "-XX:MaxTenuringThreshold=0");
    assertThat(defaults.mongoGcOptions(false, 24 * gib)).isEmpty();
    assertThat(defaults.mongoGcOptions(true)).contains("-XX:MaxTenuringThreshold=0");
    // A start size above a heap the user set would keep the JVM from starting.
    StackSettings small =
        StackSettings.fromEnvironment(Map.of("TIDEWAY_MONGO_HEAP", "1g"), Path.of("inbox"), null);
    assertThat(small.mongoGcOptions(true)).containsExactly("-XX:MaxTenuringThreshold=0");
    assertThat(small.withReplicas(3).mongoGcOptions(true)).isEqualTo(small.mongoGcOptions(true));
  }

  @Test
  void theInMemoryStoreStartsAtItsMaximumWhereTheMachineHasTwiceThatAndNeverUnderTwoGigabytes() {
    long gib = 1024L * 1024 * 1024;
    record Case(long physical, long startMb) {}
    for (Case c :
        List.of(
            new Case(64 * gib, 8192),
            new Case(16 * gib, 8192),
            new Case(12 * gib, 6144),
            new Case(6 * gib, 3072),
            new Case(4 * gib, 2048),
            new Case(2 * gib, 2048))) {
      assertThat(StackSettings.storeStartHeap(c.physical()))
          .as(c.physical() / gib + " GiB")
          .isEqualTo(c.startMb());
    }
  }

  @Test
  void anIsolatedStackStartsItsOwnServersOnLoopback() {
    StackSettings s =
        StackSettings.fromEnvironment(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                    "MONGO_URI", "mongodb://m",
                    "TIDEWAY_BIND_HOST", "0.0.0.0"),
                Path.of("inbox"),
                4)
            .isolatedOn(19092, 37017, 18080);
    assertThat(s.bootstrapServers()).isEqualTo("localhost:19092");
    assertThat(s.mongoUri()).isEqualTo("mongodb://localhost:37017");
    assertThat(s.verifierUrl()).isEqualTo("http://localhost:18080");
    assertThat(s.bindHost()).isEqualTo("127.0.0.1");
    assertThat(s.partitions()).isEqualTo(4);
  }

  @Test
  void theStateDirIsTidewayStateDirElseDotTidewayInHome() {
    Path home = Path.of("/repo");
    assertThat(StackSettings.stateDir(home, Map.of())).isEqualTo(Path.of("/repo/.tideway"));
    assertThat(StackSettings.stateDir(home, Map.of("TIDEWAY_STATE_DIR", " ")))
        .isEqualTo(Path.of("/repo/.tideway"));
    assertThat(StackSettings.stateDir(home, Map.of("TIDEWAY_STATE_DIR", "/var/tideway")))
        .isEqualTo(Path.of("/var/tideway"));
    assertThat(StackSettings.stateDir(home, Map.of("TIDEWAY_STATE_DIR", "rel")))
        .isEqualTo(Path.of("rel").toAbsolutePath());
    assertThat(Layout.of(home, Map.of("TIDEWAY_STATE_DIR", "/var/tideway")).state())
        .isEqualTo(Path.of("/var/tideway"));
  }

  @Test
  void jitAndClassDataSharingAreReadFromTheEnvironmentWithTheirDefaults() {
    assertThat(StackSettings.fullJit(Map.of())).isFalse();
    assertThat(StackSettings.fullJit(Map.of("TIDEWAY_JIT", "FULL "))).isTrue();
    assertThat(StackSettings.fullJit(Map.of("TIDEWAY_JIT", "quick"))).isFalse();
    assertThat(StackSettings.classDataSharing(Map.of())).isFalse();
    assertThat(StackSettings.classDataSharing(Map.of("TIDEWAY_CDS", "on"))).isTrue();
  }

  /** Environment value (- for unset), the kernel's mode (- for unreadable), expected. */
  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      -    | always [madvise] never | true
      -    | [always] madvise never | false
      -    | always madvise [never] | false
      -    | -                      | false
      auto | always [madvise] never | true
      off  | always [madvise] never | false
      ON   | always madvise [never] | true
      """)
  void hugePagesWhereTheKernelGivesThemOnRequestUnlessSet(
      String env, String mode, boolean expected) {
    Map<String, String> environment =
        env.equals("-") ? Map.of() : Map.of("TIDEWAY_HUGE_PAGES", env);
    assertThat(StackSettings.hugePages(environment, mode.equals("-") ? null : mode))
        .isEqualTo(expected);
  }
}
