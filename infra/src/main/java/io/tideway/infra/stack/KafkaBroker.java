package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode, launched from the Kafka jars as its own JVM: the
 * storage is formatted once ({@code StorageTool format --standalone}), then {@code kafka.Kafka}
 * runs with a generated {@code server.properties}.
 */
public final class KafkaBroker {

  private final Layout layout;
  private final int port;
  private final int controllerPort;
  private final int partitions;

  public KafkaBroker(Layout layout, int port, int partitions) {
    this.layout = layout;
    this.port = port;
    this.controllerPort = port + 1;
    this.partitions = partitions;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Writes the configuration and formats the log directory unless it already holds a cluster. */
  public ProcessSpec prepare(String classpath) throws IOException, InterruptedException {
    Path dir = layout.kafka();
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path config = dir.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
            "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
            "advertised.listeners=PLAINTEXT://localhost:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + data,
            "num.partitions=" + partitions,
            // One node cannot replicate: internal topics must accept a single replica.
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "log.retention.hours=168",
            ""));
    if (!Files.exists(data.resolve("meta.properties"))) {
      format(classpath, config);
    }
    return new ProcessSpec(
        "kafka",
        "kafka.Kafka",
        classpath,
        "512m",
        List.of(config.toString()),
        Map.of(),
        null,
        ProcessSpec.localJit());
  }

  private void format(String classpath, Path config) throws IOException, InterruptedException {
    Path log = layout.log("kafka");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--standalone",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("formatting Kafka storage failed; see " + log);
    }
  }
}
