package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.cleaner.support.KafkaIo;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.quality.QualityReports;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a crash: the cleaner service (its own JVM) is killed with SIGKILL mid-file
 * and restarted; committed outputs and counters must equal those of an uninterrupted run.
 */
class RestartIT {

  private static final int ROWS = 12_000;
  private static final int CROSS_FILE_DUPLICATES = ROWS / 2 / 1000;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void killedMidFileAndRestartedGivesTheSameOutputsAsAnUninterruptedRun() throws Exception {
    List<RowEnvelope> rows = rows();

    // ---------------------------------------------------------------- uninterrupted reference run
    kafka.createTopics("a.", 3);
    KafkaIo.produceRaw(kafka.bootstrapServers(), "a.", rows);
    CleanerSettings settings = new CleanerSettings();
    settings.withTopicPrefix("a.");
    settings.setApplicationId("cleaner-a");
    settings.setStateDir(Files.createTempDirectory("restart-a").toString());
    StreamsBuilder builder = new StreamsBuilder();
    CleanerTopology.build(builder, settings, MappingCatalog.builtIn());
    Properties props =
        CleanerTopology.streamsConfig(
            settings, new KafkaClientFactory(kafka.bootstrapServers(), Map.of()));
    Outputs reference;
    long t0 = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      reference = awaitOutputs("a.", ROWS);
    }
    phase("uninterrupted run", t0);

    // ---------------------------------------------------------------- killed and restarted run
    kafka.createTopics("b.", 3);
    KafkaIo.produceRaw(kafka.bootstrapServers(), "b.", rows);
    Path state = Files.createTempDirectory("restart-b");
    t0 = System.nanoTime();
    Process first = service("b.", state, "first");
    long seenBeforeKill;
    try {
      seenBeforeKill = awaitCommittedCleaned("b.", 1_500, Duration.ofSeconds(90));
    } finally {
      // Killed on a timeout too: a failed run must not leave a cleaner process behind.
      first.destroyForcibly().waitFor();
    }
    phase("first instance killed after " + seenBeforeKill + " committed documents", t0);
    t0 = System.nanoTime();
    assertThat(seenBeforeKill).as("killed mid-file").isLessThan(reference.cleaned.size());
    Process second = service("b.", state, "second");
    Outputs restarted;
    try {
      restarted = awaitOutputs("b.", ROWS);
    } catch (AssertionError e) {
      System.err.println("second instance log: " + state + "-second.log");
      throw e;
    } finally {
      second.destroy();
      second.waitFor();
    }

    phase("restarted instance finished", t0);

    // ---------------------------------------------------------------- equal, and nothing doubled
    assertThat(reference.totals())
        .containsEntry("duplicates of file-1", (long) CROSS_FILE_DUPLICATES);
    assertThat(reference.totals()).isEqualTo(restarted.totals());
    assertThat(
            reference.totals().get("cleaned")
                + reference.totals().get("duplicates")
                + reference.totals().get("rejected"))
        .isEqualTo(ROWS);
    assertThat(restarted.cleaned).hasSize(reference.cleaned.size());
    assertThat(restarted.cleaned).isEqualTo(reference.cleaned);
    assertThat(restarted.duplicates).isEqualTo(reference.duplicates);
    assertThat(restarted.rejected).isEqualTo(reference.rejected);
    // The quality report lives in the counters' value: restored and counted exactly like them.
    assertThat(restarted.quality.rows()).isEqualTo(ROWS);
    assertThat(restarted.quality)
        .usingRecursiveComparison()
        .ignoringFields("fileId", "fileName", "updatedAt")
        .isEqualTo(reference.quality);
    ContentDigest recomputed = new ContentDigest();
    restarted
        .cleaned
        .values()
        .forEach(json -> recomputed.add(io.tideway.contracts.json.ExtendedJson.read(json)));
    assertThat(restarted.digest()).isEqualTo(recomputed.hex());
  }

  private static void phase(String what, long startNanos) {
    System.err.printf(
        "RestartIT: %s in %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
  }

  /**
   * Two files, 1 % exact duplicates (6 of file-2's of rows of file-1), every 500th row rejected.
   */
  private static List<RowEnvelope> rows() {
    List<RowEnvelope> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String file = i < ROWS / 2 ? "file-1" : "file-2";
      long seed = i % 100 == 99 ? i - 50 : i;
      if (i >= ROWS / 2 && i % 1000 == 999) {
        // A row of file-1: a duplicate across files. Both ids hash to the same raw partition, so
        // file-1's row always reaches the dedup first and the outcome is the same in both runs.
        seed = i - ROWS / 2 - 1;
      }
      RowEnvelope r = Rows.generated(file, i + 1, seed);
      if (i % 500 == 3) {
        r = Rows.admission(file, i + 1, v -> v.put("Age", "n/a"));
      }
      rows.add(r);
    }
    return rows;
  }

  private Process service(String prefix, Path state, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File log = state.resolveSibling(state.getFileName() + "-" + name + ".log").toFile();
    return new ProcessBuilder(
            java,
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-Dmicronaut.server.port=-1",
            "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
            "-Dkafka.streams.default.session.timeout.ms=6000",
            "-Dtideway.topic-prefix=" + prefix,
            "-Dtideway.topic-prefix=" + prefix,
            "-Dtideway.cleaner.application-id=cleaner-b",
            "-Dtideway.cleaner.state-dir=" + state,
            "-cp",
            System.getProperty("java.class.path"),
            "io.tideway.cleaner.Application")
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  private static long awaitCommittedCleaned(String prefix, int atLeast, Duration timeout) {
    try (KafkaConsumer<String, String> c = consumer()) {
      c.subscribe(List.of(Topics.CLEANED.name(prefix)));
      long[] seen = {0};
      Poll.until(
          timeout,
          atLeast + " committed cleaned records",
          () -> {
            seen[0] += c.poll(Duration.ofMillis(100)).count();
            return seen[0] >= atLeast;
          });
      return seen[0];
    }
  }

  private static Outputs awaitOutputs(String prefix, int rows) {
    Map<String, CleanStats> latest = new HashMap<>();
    try (KafkaConsumer<String, String> c = consumer()) {
      c.subscribe(List.of(Topics.CLEAN_STATS.name(prefix)));
      try {
        Poll.until(
            Duration.ofSeconds(120),
            "clean stats covering " + rows + " rows",
            () -> {
              c.poll(Duration.ofMillis(200))
                  .forEach(
                      r ->
                          latest.put(
                              r.key(),
                              Topics.CLEAN_STATS
                                  .valueSerde()
                                  .deserializer()
                                  .deserialize(r.topic(), r.value().getBytes())));
              return latest.values().stream()
                      .mapToLong(s -> s.cleaned() + s.duplicates() + s.rejected())
                      .sum()
                  == rows;
            });
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "; latest stats: " + new Outputs(latest).totals(), e);
      }
    }
    Outputs out = new Outputs(latest);
    long cleaned = out.totals().get("cleaned");
    for (ConsumerRecord<String, byte[]> r :
        KafkaIo.readAll(
            kafka.bootstrapServers(),
            prefix,
            Topics.CLEANED,
            (int) cleaned,
            Duration.ofSeconds(60))) {
      // Compared as text: the same document is the same Extended JSON, whatever its byte[]
      // instance.
      String previous =
          out.cleaned.put(
              r.key(),
              io.tideway.contracts.json.ExtendedJson.write(
                  io.tideway.contracts.bson.BsonBytes.read(r.value())));
      assertThat(previous).as("document %s emitted twice", r.key()).isNull();
    }
    for (ConsumerRecord<String, DuplicateRow> r :
        KafkaIo.readAll(
            kafka.bootstrapServers(),
            prefix,
            Topics.DUPLICATES,
            out.totals().get("duplicates").intValue(),
            Duration.ofSeconds(30))) {
      assertThat(
              out.duplicates.put(
                  r.value().fileId() + "/" + r.value().row(),
                  r.value().firstFileId() + "/" + r.value().firstRow()))
          .isNull();
    }
    for (ConsumerRecord<String, RejectedRow> r :
        KafkaIo.readAll(
            kafka.bootstrapServers(),
            prefix,
            Topics.REJECTED,
            out.totals().get("rejected").intValue(),
            Duration.ofSeconds(30))) {
      assertThat(
              out.rejected.put(
                  r.value().fileId() + "/" + r.value().row(), r.value().reasons().toString()))
          .isNull();
    }
    // Published with the stats in the same transaction: by now every partition's last one is
    // committed.
    Map<String, QualityReport> quality = new HashMap<>();
    KafkaIo.readAll(
            kafka.bootstrapServers(),
            prefix,
            Topics.QUALITY,
            out.stats.size(),
            Duration.ofSeconds(30))
        .forEach(r -> quality.put(r.key(), r.value()));
    out.quality = QualityReports.merge(quality.values());
    return out;
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "t-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** What one run left on the output topics (committed only). */
  private static final class Outputs {
    final Map<String, CleanStats> stats;
    final Map<String, String> cleaned = new TreeMap<>();
    final Map<String, String> duplicates = new TreeMap<>();
    final Map<String, String> rejected = new TreeMap<>();
    QualityReport quality;

    Outputs(Map<String, CleanStats> stats) {
      this.stats = Map.copyOf(stats);
    }

    Map<String, Long> totals() {
      Map<String, Long> t = new TreeMap<>();
      t.put("cleaned", stats.values().stream().mapToLong(CleanStats::cleaned).sum());
      t.put("duplicates", stats.values().stream().mapToLong(CleanStats::duplicates).sum());
      t.put("rejected", stats.values().stream().mapToLong(CleanStats::rejected).sum());
      stats
          .values()
          .forEach(s -> s.warnings().forEach((k, v) -> t.merge("warning " + k, v, Long::sum)));
      stats
          .values()
          .forEach(
              s -> s.duplicatesOf().forEach((k, v) -> t.merge("duplicates of " + k, v, Long::sum)));
      return t;
    }

    String digest() {
      String sum = ContentDigest.format(0);
      for (CleanStats s : stats.values()) {
        sum = ContentDigest.plus(sum, s.digest());
      }
      return sum;
    }
  }
}
