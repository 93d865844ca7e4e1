package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.topics.Topics;
import io.tideway.infra.stack.KafkaBroker;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ManagedProcess;
import io.tideway.infra.stack.ProcessSpec;
import io.tideway.infra.stack.Readiness;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline bench [--rows N] [--only ingest,cleaner,loader,audit,e2e]}: runs each stage's
 * benchmark in its own JVM, one after the other, and prints one JSON object with every result, so
 * the numbers of one run can be compared as ratios. The benchmarks themselves live with their
 * services; {@code e2e} times the whole stack against a direct load ({@link EndToEndBench}).
 */
@Command(
    name = "bench",
    description = {
      "Each stage's throughput on generated rows and the cost of a full re-audit, one JSON object;"
          + " e2e: the whole stack from drop to VERIFIED against a direct insertMany of the same"
          + " file on the same server."
    })
final class BenchCommand implements Callable<Integer> {

  private static final String BENCH_PREFIX = "bench.";

  /** Read by the testkit's {@code BenchStore} (infra sees the testkit only in its tests). */
  private static final String STORE_COMMAND_ENV = "TIDEWAY_BENCH_STORE_COMMAND";

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "generated rows per stage (default: ${DEFAULT-VALUE})")
  long rows;

  @Option(
      names = "--rounds",
      paramLabel = "R",
      defaultValue = "1",
      description =
          "e2e only: rounds on one stack, each with a file of its own; the report's top is the"
              + " round of the median ratio, the lower middle one for an even R"
              + " (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--only",
      paramLabel = "STAGES",
      defaultValue = "all",
      description =
          "ingest, cleaner, loader, audit or e2e (several: comma-separated; default: ${DEFAULT-VALUE})")
  String only;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new UsageException("--rounds must be at least 1, not " + rounds);
    }
    Layout layout = Pipeline.layout();
    ObjectNode report = Json.MAPPER.createObjectNode();
    report.put("rows", rows);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("java", System.getProperty("java.version"));
    if (only.equals("all") || only.contains("ingest")) {
      report.set(
          "ingest_parse",
          bench(
              layout,
              "ingest-service",
              true,
              "io.tideway.ingest.bench.IngestBench",
              "256m",
              List.of(Long.toString(rows))));
      report.set("ingest_kafka", ingestThroughKafka(layout, rows));
    }
    if (only.equals("all") || only.contains("cleaner")) {
      report.set(
          "cleaner",
          bench(
              layout,
              "cleaner-streams",
              true,
              "io.tideway.cleaner.bench.CleanerBench",
              "2g",
              List.of(Long.toString(rows), "6", "2")));
      // The same per-row work without Kafka: what the cleaning itself costs, on one thread.
      report.set(
          "cleaner_rows",
          bench(
              layout,
              "cleaner-streams",
              true,
              "io.tideway.cleaner.bench.RowCleanBench",
              "2g",
              List.of(Long.toString(Math.min(rows, 200_000)))));
    }
    if (only.equals("all") || only.contains("loader")) {
      // REPLACE_UPSERT is left out: mongo-java-server scans per operation on its filter (loader
      // README).
      report.set(
          "loader",
          bench(
              layout,
              "loader-service",
              true,
              "io.tideway.loader.bench.LoaderBench",
              "6g",
              List.of(Long.toString(rows), "INSERT_IGNORE_DUPLICATES")));
    }
    if (only.equals("all") || only.contains("audit")) {
      // One file of the reference size: what a full re-audit of it costs the verifier.
      report.set(
          "audit",
          bench(
              layout,
              "verifier-service",
              true,
              "io.tideway.verifier.bench.AuditBench",
              "1g",
              List.of("55500")));
    }
    if (only.equals("all") || only.contains("e2e")) {
      report.set("e2e", EndToEndBench.run(layout, rows, rounds, System.err));
    }
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    return 0;
  }

  /** The transactional ingest against a real broker process, as in the local stack. */
  private static JsonNode ingestThroughKafka(Layout layout, long rows) throws Exception {
    Layout benchLayout = new Layout(layout.home(), layout.state().resolve("bench"));
    io.tideway.infra.stack.StartState.wipeEphemeral(benchLayout);
    int port = FreePorts.find().kafka();
    KafkaBroker broker = new KafkaBroker(benchLayout, port, 6);
    ManagedProcess kafka =
        new ManagedProcess(broker.prepare(layout.classpath("infra")), benchLayout);
    kafka.start();
    try {
      Readiness.await(
          "Kafka broker", Duration.ofSeconds(120), kafka::isAlive, () -> Readiness.portOpen(port));
      try (Admin admin =
          KafkaClientFactory.fromEnvironment(broker.bootstrapServers()).admin(Map.of())) {
        admin
            .createTopics(
                Topics.ALL.stream()
                    .map(t -> new NewTopic(t.name(BENCH_PREFIX), 6, (short) 1))
                    .toList())
            .all()
            .get();
      }
      return bench(
          layout,
          "ingest-service",
          true,
          "io.tideway.ingest.bench.IngestBench",
          "256m",
          List.of(Long.toString(rows), broker.bootstrapServers(), BENCH_PREFIX));
    } finally {
      kafka.stop(20);
    }
  }

  /** The command that starts the local stack's in-memory store, as {@code Stack} launches it. */
  private static List<String> storeCommand(Layout layout) {
    return Stack.storeSpec(
            StackSettings.fromEnvironment(null, null), layout.classpath("infra"), true, List.of())
        .javaCommand(List.of());
  }

  static JsonNode bench(
      Layout layout,
      String module,
      boolean testClasspath,
      String mainClass,
      String heap,
      List<String> args)
      throws IOException, InterruptedException {
    String classpath = testClasspath ? testClasspath(layout, module) : layout.classpath(module);
    List<String> command =
        new ProcessSpec(module, mainClass, classpath, heap, args, Map.of(), null)
            .javaCommand(List.of());
    System.err.printf("bench: %s %s ...%n", module, String.join(" ", args));
    Path out = Files.createTempFile("tideway-bench", ".json");
    Files.createDirectories(layout.logs()); // a fresh clone has none yet
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(layout.home().toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(layout.log("bench").toFile()));
    // The benches that write into a store (BenchStore) start the stack's own, as the stack does.
    builder.environment().put(STORE_COMMAND_ENV, String.join("\n", storeCommand(layout)));
    Process p = builder.start();
    if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(module + " benchmark failed; see " + layout.log("bench"));
    }
    String json = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    // In-process test brokers print their storage format to stdout before the result.
    int start = json.startsWith("{") ? 0 : json.indexOf("\n{") + 1;
    JsonNode result = Json.MAPPER.readTree(json.substring(start));
    System.err.printf("bench: %s -> %s%n", module, result);
    return result;
  }

  /**
   * Test classes + classes + test classpath, written by {@code ./pipeline bench} before it calls
   * here.
   */
  private static String testClasspath(Layout layout, String module) throws IOException {
    Path target = layout.home().resolve(module).resolve("target");
    Path file = target.resolve("test-classpath.txt");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "missing " + file + ": run the benchmarks through ./pipeline bench");
    }
    return target.resolve("test-classes")
        + File.pathSeparator
        + target.resolve("classes")
        + File.pathSeparator
        + Files.readString(file).trim();
  }
}
