package io.tideway.infra.cli;

import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.mapping.MappingTopic;
import io.tideway.contracts.mapping.MappingVersions.Versioned;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.contracts.topics.Topics;
import io.tideway.infra.stack.StackSettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.mapping.MappingFeed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./pipeline mapping apply|list|show|export} against the mappings topic of the running
 * stack's broker (the one {@code ./pipeline up} started, or {@code KAFKA_BOOTSTRAP_SERVERS}).
 */
final class MappingTopicCommands {

  private MappingTopicCommands() {}

  /** The broker and topic prefix of the running stack, and how long to wait for it. */
  record Broker(String bootstrap, String prefix, Duration timeout) {

    /**
     * {@code bootstrap} when given (option {@code --bootstrap-servers}), else the stack's broker
     * from the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, else localhost:{@code
     * TIDEWAY_KAFKA_PORT}).
     */
    static Broker of(String bootstrap, Duration timeout) {
      StackSettings s = StackSettings.fromEnvironment(Path.of("inbox"), null);
      return new Broker(
          bootstrap != null ? bootstrap : s.bootstrapServers(), s.topicPrefix(), timeout);
    }
  }

  /**
   * Validates FILE (nothing is published when it is invalid), then publishes it as the next version
   * of its mapping, or says it is unchanged.
   */
  static int apply(Path file, Broker broker, PrintStream out) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("no such file: " + file);
    }
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    try {
      MappingLoader.read(yaml, file.toString());
    } catch (MappingException e) {
      throw new IllegalStateException(
          e.getMessage() + " (fix the file and apply it again; nothing was published)", e);
    }
    try (MappingFeed feed = connect(broker)) {
      MappingTopic.Published p =
          feed.publish(yaml, file.toString(), MappingVersion.APPLIED, false, broker.timeout());
      MappingVersion v = p.version();
      if (p.created()) {
        out.printf(
            "applied mapping %s v%d%s; files started from now on are cleaned with it, and"
                + " ./pipeline replay --file ID re-cleans a loaded file with it%n",
            v.name(), v.version(), v.version() > 1 ? " (was v" + (v.version() - 1) + ")" : "");
      } else {
        out.printf("mapping %s unchanged, still v%d%n", v.name(), v.version());
      }
      return 0;
    }
  }

  /** One line per mapping: name, latest version, origin, applied at. */
  static int list(Broker broker, PrintStream out) {
    try (MappingFeed feed = connect(broker)) {
      MappingCatalog c = feed.catalog();
      out.printf("%-32s %-8s %-10s %s%n", "NAME", "VERSION", "ORIGIN", "APPLIED AT");
      for (String name : c.versions().names()) {
        MappingVersion v = c.latest(name).orElseThrow().record();
        out.printf("%-32s %-8s %-10s %s%n", name, "v" + v.version(), v.origin(), v.appliedAt());
      }
      return 0;
    }
  }

  /** The YAML of a mapping's latest (or given) version, on stdout or into a file. */
  static int show(String name, Integer version, String target, Broker broker, PrintStream out)
      throws IOException {
    if (name == null) {
      throw new UsageException("mapping show|export needs a NAME");
    }
    try (MappingFeed feed = connect(broker)) {
      MappingCatalog c = feed.catalog();
      List<Versioned> all = c.versions().all(name);
      if (all.isEmpty()) {
        throw new IllegalStateException(
            "no mapping named '" + name + "' (known: " + c.versions().names() + ")");
      }
      Versioned v =
          version == null
              ? all.get(all.size() - 1)
              : all.stream()
                  .filter(x -> x.record().version() == version)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "mapping "
                                  + name
                                  + " has no version "
                                  + version
                                  + " (versions: v1..v"
                                  + all.get(all.size() - 1).record().version()
                                  + ")"));
      String yaml = v.record().yaml();
      if (target == null) {
        out.print(yaml.endsWith("\n") ? yaml : yaml + "\n");
      } else {
        Path to = Path.of(target);
        if (to.getParent() != null) {
          Files.createDirectories(to.getParent());
        }
        Files.writeString(to, yaml, StandardCharsets.UTF_8);
        System.err.printf("wrote %s: mapping %s v%d%n", to, name, v.record().version());
      }
      return 0;
    }
  }

  /**
   * A feed on the running stack's mappings topic, read to its end; a clear message when no broker
   * answers or it has no mappings topic.
   */
  static MappingFeed connect(Broker broker) {
    KafkaClientFactory kafka = KafkaClientFactory.fromEnvironment(broker.bootstrap());
    String topic = Topics.MAPPINGS.name(broker.prefix());
    Set<String> topics;
    try (Admin admin =
        kafka.admin(
            Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "no running stack: no Kafka broker answers at "
              + broker.bootstrap()
              + " (start one with ./pipeline up, or set KAFKA_BOOTSTRAP_SERVERS to its broker)");
    }
    if (!topics.contains(topic)) {
      throw new IllegalStateException(
          "the broker at "
              + broker.bootstrap()
              + " has no topic "
              + topic
              + ": start the stack with ./pipeline up (it creates the topics), or check"
              + " TIDEWAY_TOPIC_PREFIX");
    }
    MappingFeed feed = new MappingFeed(kafka, broker.prefix(), MappingCatalog.empty()).start();
    if (!feed.awaitCaughtUp(broker.timeout())) {
      feed.close();
      throw new IllegalStateException(
          "could not read " + topic + " at " + broker.bootstrap() + " within " + broker.timeout());
    }
    return feed;
  }
}
