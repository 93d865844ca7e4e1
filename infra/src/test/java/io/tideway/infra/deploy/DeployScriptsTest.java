package io.tideway.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell scripts the containers run, executed here with /bin/sh and fake kafka-topics.sh,
 * connect-standalone.sh and java commands that record what they were asked to do.
 */
class DeployScriptsTest {

  @TempDir Path tmp;

  @BeforeAll
  static void needsPosixShell() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
  }

  @Test
  void createTopicsCreatesEveryContractTopicWithItsCleanupPolicy() throws Exception {
    Path calls = tmp.resolve("calls");
    Path fake = recorder("kafka-topics.sh", calls);
    Result r =
        run(
            RepoFiles.file("infra/docker/kafka/create-topics.sh"),
            Map.of(
                "KAFKA_TOPICS_SH",
                fake.toString(),
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:29092",
                "TIDEWAY_TOPIC_PREFIX",
                "acme.",
                "TIDEWAY_PARTITIONS",
                "12",
                "TIDEWAY_REPLICATION_FACTOR",
                "3"));
    assertThat(r.exit()).as(r.output()).isZero();

    List<String> lines = Files.readAllLines(calls);
    assertThat(lines).hasSize(Topics.ALL.size());
    for (Topic<?> topic : Topics.ALL) {
      String policy = Topics.COMPACTED.contains(topic) ? "compact" : "delete";
      assertThat(lines)
          .as(topic.name("acme."))
          .contains(
              "--bootstrap-server broker:29092 --create --if-not-exists"
                  + " --topic "
                  + topic.name("acme.")
                  + " --partitions 12 --replication-factor 3"
                  + " --config cleanup.policy="
                  + policy
                  + " --config min.insync.replicas=2");
    }
  }

  @Test
  void createTopicsPassesTheClientConfigAndKeepsMinIsrOneOnASingleBroker() throws Exception {
    Path calls = tmp.resolve("calls");
    Path fake = recorder("kafka-topics.sh", calls);
    Result r =
        run(
            RepoFiles.file("infra/docker/kafka/create-topics.sh"),
            Map.of(
                "KAFKA_TOPICS_SH",
                fake.toString(),
                "KAFKA_CLIENT_CONFIG",
                "/etc/kafka/client.properties"));
    assertThat(r.exit()).as(r.output()).isZero();
    List<String> lines = Files.readAllLines(calls);
    assertThat(lines)
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "--bootstrap-server kafka:19092 --command-config /etc/kafka/client.properties --create")
                    .contains("--partitions 6 --replication-factor 1")
                    .contains("min.insync.replicas=1"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("--topic tideway.raw "));
  }

  @Test
  void createTopicsFailsWhenTheBrokerRefuses() throws Exception {
    Path fake = tmp.resolve("kafka-topics.sh");
    Files.writeString(
        fake, "#!/bin/sh\necho 'Timed out waiting for a node assignment' >&2\nexit 1\n");
    executable(fake);
    Result r =
        run(
            RepoFiles.file("infra/docker/kafka/create-topics.sh"),
            Map.of("KAFKA_TOPICS_SH", fake.toString()));
    assertThat(r.exit()).as("kafka-init must fail so dependants do not start").isNotZero();
  }

  @Test
  void entrypointDefaultsInstanceIdsToTheHostnameAndRunsTheMainClass() throws Exception {
    Path calls = tmp.resolve("calls");
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Files.writeString(
        bin.resolve("java"),
        "#!/bin/sh\n{ echo \"args=$*\"; echo \"loader=$TIDEWAY_LOADER_INSTANCE_ID\";"
            + " echo \"ingest=$TIDEWAY_INGEST_INSTANCE_ID\"; echo \"state=${TIDEWAY_CLEANER_STATE_DIR:-}\"; } > "
            + calls
            + "\n");
    executable(bin.resolve("java"));
    String host = hostname();

    Result r =
        run(
            RepoFiles.file("infra/docker/entrypoint.sh"),
            Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "MAIN_CLASS",
                "io.tideway.loader.Application",
                "JAVA_OPTS",
                "-Xmx64m -XX:+UseSerialGC",
                "TIDEWAY_LOADER_INSTANCE_ID",
                ""));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "args=-Xmx64m -XX:+UseSerialGC -cp /app/app.jar:/app/lib/* io.tideway.loader.Application",
            "loader=" + host,
            "ingest=" + host,
            "state=");

    Path state = tmp.resolve("state");
    r =
        run(
            RepoFiles.file("infra/docker/entrypoint.sh"),
            Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "MAIN_CLASS",
                "io.tideway.cleaner.Application",
                "TIDEWAY_LOADER_INSTANCE_ID",
                "loader-7",
                "TIDEWAY_STATE_PER_REPLICA",
                "true",
                "TIDEWAY_CLEANER_STATE_DIR",
                state.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(Files.readAllLines(calls))
        .contains("loader=loader-7", "state=" + state.resolve(host));
    assertThat(state.resolve(host)).isDirectory();
  }

  @Test
  void entrypointRefusesToStartWithoutAMainClass() throws Exception {
    Result r = run(RepoFiles.file("infra/docker/entrypoint.sh"), Map.of());
    assertThat(r.exit()).isEqualTo(64);
    assertThat(r.output()).contains("MAIN_CLASS is not set");
  }

  @Test
  void connectStartScriptPointsInfraConnectConfigAtTheComposeServices() throws Exception {
    Path calls = tmp.resolve("calls");
    Path fake = recorder("connect-standalone.sh", calls);
    Path work = tmp.resolve("work");
    Result r =
        run(
            RepoFiles.file("infra/docker/connect/start-connect.sh"),
            Map.of(
                "CONNECT_STANDALONE_SH",
                fake.toString(),
                "TIDEWAY_CONNECT_CONFIG_DIR",
                RepoFiles.file("infra/connect").toString(),
                "TIDEWAY_CONNECT_WORK_DIR",
                work.toString(),
                "MONGO_URI",
                "mongodb://mongo:27017/?replicaSet=rs0",
                "TIDEWAY_TOPIC_PREFIX",
                "acme."));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(Files.readString(calls).strip())
        .isEqualTo(work.resolve("worker.properties") + " " + work.resolve("mongo-sink.properties"));

    Properties worker = properties(work.resolve("worker.properties"));
    assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("kafka:19092");
    assertThat(worker.getProperty("listeners")).isEqualTo("http://0.0.0.0:8083");
    assertThat(worker.getProperty("plugin.path")).isEqualTo("/opt/tideway/plugins");
    Properties sink = properties(work.resolve("mongo-sink.properties"));
    Properties original = properties(RepoFiles.file("infra/connect/mongo-sink.properties"));
    assertThat(sink.getProperty("connection.uri"))
        .isEqualTo("mongodb://mongo:27017/?replicaSet=rs0");
    assertThat(sink.getProperty("topics")).isEqualTo(Topics.CLEANED.name("acme."));
    assertThat(sink.getProperty("connector.class"))
        .isEqualTo(original.getProperty("connector.class"));
    assertThat(sink.getProperty("name")).isEqualTo(original.getProperty("name"));
  }

  // ---------------------------------------------------------------- helpers

  record Result(int exit, String output) {}

  private Result run(Path script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true);
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("TIDEWAY_")
                    || k.startsWith("KAFKA_")
                    || k.equals("MAIN_CLASS")
                    || k.equals("MONGO_URI"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
    return new Result(p.exitValue(), out);
  }

  /** A fake command appending its arguments, one line per call, to {@code calls}. */
  private Path recorder(String name, Path calls) throws IOException {
    Path fake = tmp.resolve(name);
    Files.writeString(fake, "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
    executable(fake);
    return fake;
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String hostname() throws Exception {
    Process p = new ProcessBuilder("hostname").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  /** Properties as Kafka Connect reads them: the last occurrence of a key wins. */
  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file)));
    return p;
  }
}
