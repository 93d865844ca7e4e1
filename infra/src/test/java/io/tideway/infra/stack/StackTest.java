package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

  @TempDir Path home;

  @Test
  void everyServiceListensOnTheBindHostOnly() throws Exception {
    for (ServiceCatalog s : ServiceCatalog.values()) {
      Path target = Files.createDirectories(home.resolve(s.module()).resolve("target"));
      Files.writeString(target.resolve("classpath.txt"), "deps.jar");
    }
    Layout layout = new Layout(home, home.resolve(".tideway"));
    for (String host : new String[] {"127.0.0.1", "0.0.0.0"}) {
      StackSettings settings =
          new StackSettings(
              null, null, 9092, 27017, 8080, host, 3, "tideway.", home.resolve("inbox"), 1);
      Stack stack = new Stack(layout, settings);
      for (ServiceCatalog s : ServiceCatalog.values()) {
        assertThat(stack.serviceSpec(s).env())
            .as(s.module())
            .containsEntry("MICRONAUT_SERVER_HOST", host);
      }
    }
  }

  @Test
  void replicasShareGroupsAndTheIdRegistryButNeverTransactionalIdsPortsOrDirs() throws Exception {
    for (ServiceCatalog s : ServiceCatalog.values()) {
      Path target = Files.createDirectories(home.resolve(s.module()).resolve("target"));
      Files.writeString(target.resolve("classpath.txt"), "deps.jar");
    }
    Layout layout = new Layout(home, home.resolve(".tideway"));
    StackSettings settings =
        new StackSettings(
            null, null, 9092, 27017, 8080, "127.0.0.1", 3, "tideway.", home.resolve("inbox"), 3);
    Stack stack = new Stack(layout, settings);
    java.util.Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();
    for (ServiceInstance i : stack.instances()) {
      java.util.Map<String, String> env = stack.serviceSpec(i).env();
      for (String key :
          new String[] {
            "MICRONAUT_SERVER_PORT",
            "TIDEWAY_INGEST_WORK_DIR",
            "TIDEWAY_INGEST_INSTANCE_ID",
            "TIDEWAY_LOADER_INSTANCE_ID",
            "TIDEWAY_CLEANER_STATE_DIR"
          }) {
        if (i.service() != ServiceCatalog.VERIFIER) {
          assertThat(
                  seen.computeIfAbsent(key + i.service(), k -> new java.util.HashSet<>())
                      .add(env.get(key)))
              .as(i.name() + " " + key + " unique")
              .isTrue();
        }
      }
      assertThat(env)
          .as(i.name())
          .containsEntry("TIDEWAY_INGEST_IDS_DIR", layout.ingestIds().toString());
      assertThat(env.containsKey("TIDEWAY_S3_ENABLED"))
          .as(i.name() + ": only replica 0 polls S3")
          .isEqualTo(i.replica() > 0);
      assertThat(stack.serviceSpec(i).name()).isEqualTo(i.name());
    }
    ServiceInstance ingest1 = new ServiceInstance(ServiceCatalog.INGEST, 1);
    assertThat(stack.serviceSpec(ingest1).env())
        .containsEntry("TIDEWAY_INGEST_INSTANCE_ID", "ingest-1")
        .containsEntry("TIDEWAY_INGEST_WORK_DIR", layout.ingestWork(1).toString())
        .containsEntry("MICRONAUT_SERVER_PORT", "8181");
    assertThat(stack.instances())
        .filteredOn(i -> i.service() == ServiceCatalog.VERIFIER)
        .hasSize(2);
    assertThat(stack.serviceSpec(new ServiceInstance(ServiceCatalog.VERIFIER, 1)).env())
        .as("a standby forwards operator actions to replica 0 too")
        .containsEntry("TIDEWAY_INGEST_URL", "http://localhost:8081");
  }

  @Test
  void ingestSettingsGoToEveryIngestAndTheS3PollerStaysOnReplicaZero() throws Exception {
    for (ServiceCatalog s : ServiceCatalog.values()) {
      Path target = Files.createDirectories(home.resolve(s.module()).resolve("target"));
      Files.writeString(target.resolve("classpath.txt"), "deps.jar");
    }
    Layout layout = new Layout(home, home.resolve(".tideway"));
    StackSettings settings =
        new StackSettings(
            null, null, 9092, 27017, 8080, "127.0.0.1", 3, "tideway.", home.resolve("inbox"), 2);
    Stack stack =
        new Stack(layout, settings)
            .ingestEnvironment(
                java.util.Map.of(
                    "TIDEWAY_S3_ENABLED", "true", "TIDEWAY_S3_ENDPOINT", "http://127.0.0.1:9000"));
    for (ServiceInstance i : stack.instances()) {
      java.util.Map<String, String> env = stack.serviceSpec(i).env();
      if (i.service() != ServiceCatalog.INGEST) {
        assertThat(env).as(i.name()).doesNotContainKey("TIDEWAY_S3_ENDPOINT");
      } else {
        assertThat(env)
            .as(i.name())
            .containsEntry("TIDEWAY_S3_ENDPOINT", "http://127.0.0.1:9000")
            .containsEntry("TIDEWAY_S3_ENABLED", i.replica() == 0 ? "true" : "false");
      }
    }
  }
}
