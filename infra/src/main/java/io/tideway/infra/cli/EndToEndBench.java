package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.infra.run.RunCommand;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import io.tideway.infra.stack.StartState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./pipeline bench --only e2e}: the whole pipeline against the way a user would load the
 * same file without it, in one run on one embedded MongoDB server. Starts the local stack (as
 * {@code run} does), times a direct load of the generated file into a fresh database (parse, the
 * cleaner's mapping code, {@code insertMany}; the services are up and idle), then times the same
 * file from its drop into the inbox until VERIFIED. Both sides warm up on a small file first.
 *
 * <p>With several rounds each round has a file of its own (another seed, so the dedup finds no
 * earlier rows), on the same stack; the report gives every round and, at its top, the round of the
 * median ratio. One round on a shared 2-core machine moved the ratio between 1.9 and 4.3
 * (docs/BENCHMARKS.md).
 */
final class EndToEndBench {

  /** Rows of the warm-up file each side loads before it is timed. */
  private static final long WARMUP_ROWS = 5_550;

  private static final double DUPLICATES = 0.00962;

  private EndToEndBench() {}

  static ObjectNode run(Layout layout, long rows, int rounds, PrintStream err) throws Exception {
    Path dir = layout.state().resolve("bench-e2e");
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String suffix = i == 0 ? "" : "-" + (i + 1);
      files.add(generate(dir.resolve("admissions-" + rows + suffix + ".csv"), rows, 42 + i));
    }
    Path warmup = generate(dir.resolve("warmup-" + WARMUP_ROWS + ".csv"), WARMUP_ROWS, 7);
    LauncherPid.claim(layout, "bench");
    // As ./pipeline run without --data-dir: a fresh embedded stack, MongoDB in memory.
    Layout stackLayout = layout.withDataDir(null);
    StackSettings settings = StackSettings.fromEnvironment(stackLayout.runInbox(), null);
    StartState.prepare(stackLayout, settings);
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("rows", rows);
    try (Stack stack = new Stack(stackLayout, settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-shutdown"));
      stack.start();
      RunCommand runner =
          new RunCommand(
              settings.inbox(),
              new VerifierClient(settings.verifierUrl()),
              Duration.ofMinutes(30),
              err);
      List<ObjectNode> done = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        ObjectNode round = round(layout, stack, settings, runner, files.get(i), warmup, i + 1);
        done.add(round);
        err.printf(
            "e2e round %d of %d: pipeline %d ms, direct %d ms, ratio %.2f%n",
            i + 1,
            rounds,
            round.path("pipeline").path("elapsed_ms").asLong(),
            round.path("direct").path("elapsed_ms").asLong(),
            round.path("ratio_pipeline_to_direct").asDouble());
      }
      List<ObjectNode> byRatio = new ArrayList<>(done);
      byRatio.sort(Comparator.comparingDouble(r -> r.path("ratio_pipeline_to_direct").asDouble()));
      ObjectNode median = byRatio.get((byRatio.size() - 1) / 2);
      result.set("pipeline", median.path("pipeline"));
      result.set("direct", median.path("direct"));
      result.set("ratio_pipeline_to_direct", median.path("ratio_pipeline_to_direct"));
      if (rounds > 1) {
        result.put("median_of_rounds", median.path("round").asInt());
        result.putArray("rounds").addAll(done);
      }
    }
    return result;
  }

  /**
   * One round: the direct load of {@code file} into a fresh database (first, while the services are
   * idle, so both sides have the CPU), then the same file through the pipeline, after the warm-up
   * file in the first round.
   */
  private static ObjectNode round(
      Layout layout,
      Stack stack,
      StackSettings settings,
      RunCommand runner,
      Path file,
      Path warmup,
      int number)
      throws Exception {
    Map<String, Duration> beforeDirect = cpuTimes(stack);
    // A new JVM each round: it warms up on the small file every time, the stack only in round 1.
    ObjectNode direct =
        (ObjectNode)
            BenchCommand.bench(
                layout,
                "cleaner-streams",
                true,
                "io.tideway.cleaner.bench.DirectLoadBench",
                "1g",
                List.of(file.toString(), settings.mongoUri(), "bench_direct", warmup.toString()));
    // The store's share of the direct load (its warm-up file included, a tenth of the rows).
    direct.put("store_cpu_s", cpuSpent(beforeDirect, cpuTimes(stack)).path("mongo").asDouble());
    if (number == 1) {
      requireVerified(runner.execute(List.of(warmup)), "warm-up");
    }
    Map<String, Duration> beforeTimed = cpuTimes(stack);
    ObjectNode timed = runner.execute(List.of(file));
    ObjectNode cpu = cpuSpent(beforeTimed, cpuTimes(stack));
    requireVerified(timed, "timed");
    JsonNode f = timed.path("files").path(0);
    ObjectNode round = Json.MAPPER.createObjectNode();
    round.put("round", number);
    ObjectNode pipeline = round.putObject("pipeline");
    pipeline.put("elapsed_ms", timed.path("elapsed_ms").asLong());
    pipeline.put("rows_per_s", timed.path("rows_per_s").asDouble());
    pipeline.put("status", f.path("status").asText());
    pipeline.set("documents_in_mongo", f.path("documents_in_mongo"));
    pipeline.set("cpu_s", cpu);
    round.set("direct", direct);
    double ratio =
        (double) timed.path("elapsed_ms").asLong()
            / Math.max(1, direct.path("elapsed_ms").asLong());
    round.put("ratio_pipeline_to_direct", Math.round(ratio * 100) / 100.0);
    return round;
  }

  /** CPU time used so far by each process of the stack, by name. */
  private static Map<String, Duration> cpuTimes(Stack stack) {
    Map<String, Duration> times = new LinkedHashMap<>();
    for (String name : stack.processNames()) {
      stack.process(name).ifPresent(p -> times.put(name, p.cpuTime()));
    }
    return times;
  }

  /**
   * CPU seconds each process used between two snapshots, and their sum as {@code all}: where a
   * file's time goes across the stack, read from /proc without a profiler.
   */
  private static ObjectNode cpuSpent(Map<String, Duration> before, Map<String, Duration> after) {
    ObjectNode spent = Json.MAPPER.createObjectNode();
    long all = 0;
    for (Map.Entry<String, Duration> e : after.entrySet()) {
      long ms = e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)).toMillis();
      spent.put(e.getKey(), ms / 1000.0);
      all += ms;
    }
    spent.put("all", all / 1000.0);
    return spent;
  }

  private static void requireVerified(ObjectNode report, String what) {
    if (!RunCommand.allVerified(report)) {
      throw new IllegalStateException("the " + what + " file did not reach VERIFIED: " + report);
    }
  }

  private static Path generate(Path out, long rows, long seed) throws IOException {
    if (!Files.exists(out)) {
      AdmissionsGenerator gen =
          new AdmissionsGenerator(rows, AdmissionsGenerator.duplicatesFor(rows, DUPLICATES), seed);
      Path part = out.resolveSibling(out.getFileName() + ".part");
      try (OutputStream os = Files.newOutputStream(part)) {
        gen.write(os);
      }
      Files.move(part, out);
    }
    return out;
  }
}
