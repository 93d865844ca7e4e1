package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.infra.run.RunCommand;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ManagedProcess;
import io.tideway.infra.stack.ServiceInstance;
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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of {@code ./pipeline}: up, run, generate, down. Stdout carries only results. */
public final class Pipeline {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final PrintStream ERR = System.err;

  private Pipeline() {}

  public static void main(String[] args) {
    int code;
    try {
      code = dispatch(args);
    } catch (UsageException e) {
      ERR.println("pipeline: " + e.getMessage());
      ERR.println(usage());
      code = 2;
    } catch (Exception e) {
      ERR.println("pipeline: " + e.getMessage());
      LOG.debug("failure", e);
      code = 1;
    }
    System.exit(code);
  }

  static int dispatch(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.println(usage());
      return 0;
    }
    Args a = new Args(args);
    Layout layout = Layout.of(Path.of(System.getProperty("tideway.home", ".")));
    return switch (args[0]) {
      case "generate" -> generate(a);
      case "up" -> up(a, layout);
      case "run" -> run(a, layout);
      case "down" -> down(layout);
      case "check" -> CheckCommand.run(a, layout);
      case "mapping" -> MappingCommands.dispatch(a, System.out, ERR);
      case "bench" -> BenchCommand.run(a, layout);
      case "rollback" -> OperatorCommands.rollback(a, layout);
      case "replay" -> OperatorCommands.replay(a, layout);
      case "rejects" -> OperatorCommands.rejects(a);
      case "ack" -> OperatorCommands.ack(a);
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  private static int generate(Args a) throws IOException {
    long rows = a.longOption("--rows", -1);
    String out = a.option("--out", null);
    if (rows < 0 || out == null) {
      throw new UsageException("generate needs --rows N and --out FILE");
    }
    double fraction = Double.parseDouble(a.option("--duplicates", "0.00962"));
    long seed = a.longOption("--seed", 42);
    a.requireNoMore();
    long dups = AdmissionsGenerator.duplicatesFor(rows, fraction);
    AdmissionsGenerator gen = new AdmissionsGenerator(rows, dups, seed);
    Path path = Path.of(out);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream os = Files.newOutputStream(path)) {
      gen.write(os);
    }
    ERR.printf(
        "generated %s: %,d rows, %,d exact duplicates, %,d unique (seed %d)%n",
        path, rows, dups, gen.uniqueRows(), seed);
    return 0;
  }

  private static int up(Args a, Layout layout) throws Exception {
    Path inbox = Path.of(a.option("--inbox", "inbox")).toAbsolutePath();
    Layout stackLayout = layout.withDataDir(dataDir(a));
    Integer partitions = a.intOption("--partitions");
    int replicas = replicas(a);
    a.requireNoMore();
    MappingCommands.preflight(stackLayout);
    LauncherPid.claim(layout, "up");
    StackSettings settings =
        StackSettings.fromEnvironment(inbox, partitions).withReplicas(replicas);
    StartState.prepare(stackLayout, settings);
    Stack stack = new Stack(stackLayout, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ERR.println("stopping Tideway...");
                  stack.close();
                  stopped.countDown();
                },
                "pipeline-shutdown"));
    stack.start();
    printUrls(stack);
    ERR.printf("Tideway is up. Drop CSV files into %s (or %s/<mapping>/).%n", inbox, inbox);
    ERR.printf(
        "Dashboard: %s   Kafka: %s   MongoDB: %s   Ctrl-C stops.%n",
        stack.settings().verifierUrl(),
        stack.settings().bootstrapServers(),
        stack.settings().mongoUri());
    stopped.await();
    return 0;
  }

  /** {@code --replicas N}: 1 unless given; refused outside 1..9 with the reason. */
  private static int replicas(Args a) {
    Integer n = a.intOption("--replicas");
    if (n == null) {
      return 1;
    }
    if (n < 1 || n > ServiceInstance.MAX_REPLICAS) {
      throw new UsageException(
          "--replicas must be between 1 and " + ServiceInstance.MAX_REPLICAS + ", got " + n);
    }
    return n;
  }

  private static void printUrls(Stack stack) {
    for (String url : stack.urls()) {
      ERR.println("  " + url);
    }
  }

  private static Path dataDir(Args a) {
    String option = a.option("--data-dir", null);
    return option == null ? null : Path.of(option).toAbsolutePath();
  }

  private static int run(Args a, Layout layout) throws Exception {
    String reportPath = a.option("--report", null);
    Integer partitions = a.intOption("--partitions");
    long timeoutS = a.longOption("--timeout", 1800);
    int replicas = replicas(a);
    String mappingOption = a.option("--mapping", null);
    Layout stackLayout = layout.withDataDir(dataDir(a));
    List<Path> files = new ArrayList<>();
    for (String f : a.rest()) {
      Path p = Path.of(f).toAbsolutePath();
      if (!Files.isRegularFile(p)) {
        throw new UsageException("no such file: " + f);
      }
      files.add(p);
    }
    if (files.isEmpty()) {
      Path sample = layout.state().resolve("sample").resolve("admissions-55500.csv");
      if (!Files.exists(sample)) {
        generate(
            new Args(
                new String[] {
                  "generate",
                  "--rows",
                  "55500",
                  "--duplicates",
                  "0.00962",
                  "--seed",
                  "42",
                  "--out",
                  sample.toString()
                }));
      }
      files.add(sample);
    }
    String mapping =
        mappingOption == null ? null : MappingCommands.forRun(mappingOption, stackLayout);
    if (mappingOption == null) {
      clearRunMappings(stackLayout);
    }
    MappingCommands.preflight(stackLayout);
    LauncherPid.claim(layout, "run");
    StackSettings settings =
        StackSettings.fromEnvironment(stackLayout.runInbox(), partitions).withReplicas(replicas);
    StartState.prepare(stackLayout, settings);
    ObjectNode report;
    try (Stack stack = new Stack(stackLayout, settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "run-shutdown"));
      stack.start();
      printUrls(stack);
      report =
          new RunCommand(
                  mapping == null ? settings.inbox() : settings.inbox().resolve(mapping),
                  new VerifierClient(settings.verifierUrl()),
                  Duration.ofSeconds(timeoutS),
                  ERR)
              .execute(files);
    }
    String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    System.out.println(json);
    printInferredMappings(report, stackLayout);
    if (reportPath != null) {
      Files.writeString(Path.of(reportPath), json + "\n");
    }
    return RunCommand.allVerified(report) ? 0 : 1;
  }

  private static void clearRunMappings(Layout layout) throws IOException {
    if (Files.isDirectory(layout.runMappings())) {
      try (var old = Files.list(layout.runMappings())) {
        for (Path p : old.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * For each file whose mapping ingest inferred: the mapping's name, its YAML file and the YAML
   * itself (on stderr), so it can be kept, edited and used with {@code --mapping}.
   */
  private static void printInferredMappings(ObjectNode report, Layout layout) throws IOException {
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (var file : report.path("files")) {
      String mapping = file.path("mapping").asText("");
      Path yaml = layout.inferredMappings().resolve(mapping + ".yaml");
      if (mapping.isEmpty() || !Files.isRegularFile(yaml) || !shown.add(mapping)) {
        continue;
      }
      ERR.printf(
          "%n%s: no mapping fitted its header, so ingest inferred mapping '%s' (collection %s);"
              + " it is used again for files with the same header. Saved as %s:%n%n",
          file.path("file_name").asText(), mapping, mapping.replace('-', '_'), yaml);
      ERR.println(Files.readString(yaml));
    }
  }

  private static int down(Layout layout) throws IOException {
    int stopped = LauncherPid.stopAll(layout, ERR);
    if (Files.isDirectory(layout.runDir())) {
      try (var pids = Files.list(layout.runDir())) {
        for (Path pidFile : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
          var owner = ManagedProcess.livePidFileOwner(pidFile);
          if (owner.isPresent()) {
            owner.get().destroy();
            ERR.printf("stopped %s (PID %d)%n", pidFile.getFileName(), owner.get().pid());
            stopped++;
          }
          Files.deleteIfExists(pidFile);
        }
      }
    }
    ERR.printf("%d process(es) stopped%n", stopped);
    return 0;
  }

  static String usage() {
    return String.join(
        "\n",
        "usage: ./pipeline <command> [options]",
        "  run [FILE...] [--mapping NAME|PATH] [--report PATH] [--data-dir DIR] [--partitions N] [--replicas N]",
        "      [--timeout SECONDS]",
        "        start the stack, ingest the files (no file: the bundled sample), wait until each is",
        "        VERIFIED or failed, print the JSON report on stdout, stop; exit 0 only if all verified.",
        "        Without --mapping each file gets the mapping its header fits, else one inferred from",
        "        it (saved as YAML under the state dir and printed); --mapping picks one by name or file",
        "  mapping init FILE [--name N] [--out F]",
        "        draft a mapping (YAML) from a CSV: dialect, snake_case fields, sniffed types; stdout",
        "        unless --out",
        "  up [--inbox DIR] [--data-dir DIR] [--partitions N] [--replicas N]",
        "        start the stack and watch the inbox (default ./inbox) until Ctrl-C",
        "        --replicas N (1..9, default 1) runs N processes each of ingest, cleaner and loader and two",
        "        verifiers (one active, one standby); replica i listens 100*i above replica 0's port",
        "        --data-dir DIR keeps ALL state there (MongoDB, Kafka logs, cleaner state, ingest work",
        "        dir) and resumes it; without it MongoDB is in memory and starts empty, and files left",
        "        unfinished are put back into the inbox. Input files are never deleted.",
        "  generate --rows N [--duplicates FRACTION] [--seed S] --out FILE",
        "        write a deterministic hospital-admissions CSV (default 0.00962 duplicates, seed 42)",
        "  bench [--rows N] [--only ingest|cleaner|loader|audit|e2e]",
        "        throughput of each stage on generated rows (default 1,000,000), one JSON object;",
        "        e2e: the whole stack, drop to VERIFIED, against a direct insertMany of the same file",
        "  down  stop a running up/run/check and every process it started (from .tideway/run/*.pid)",
        "  check FILE [--mapping NAME] [--format json|md] [--partitions N] [--timeout SECONDS]",
        "        dry run on an isolated Kafka + ingest + cleaner (free ports, .tideway/check/, no MongoDB):",
        "        prints rows read, would load, duplicates, rejected and the quality report; exit 1 if FAILED",
        "  rollback --file ID [--token T] [--verifier-url URL] [--timeout S]",
        "        delete the documents file ID brought (via the verifier, which refuses while other files",
        "        counted duplicates of them), wait until the verifier shows it ROLLED_BACK",
        "  replay --file ID [--token T] [--ingest-url URL] [--verifier-url URL] [--timeout S]",
        "        re-run file ID from the raw topic as ID-rN, wait until verified, compare old vs new",
        "        (recommended: rollback, change the mapping/rules, restart, replay)",
        "        operator commands need TIDEWAY_ADMIN_TOKEN (or --token): the value the stack was",
        "        started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)",
        "  ack ALERT_ID [--by NAME] [--note TEXT] [--token T] [--verifier-url URL]",
        "        acknowledge an open alert (e.g. MISMATCH/<file id>): greyed on the dashboard, no",
        "        further webhook notice; it stays open until its cause resolves",
        "  rejects FILE_ID [--csv] [--verifier-url URL]",
        "        print the rows of file FILE_ID that were refused (row, line, field, value, reason);",
        "        --csv prints them as CSV for a spreadsheet",
        "environment: KAFKA_BOOTSTRAP_SERVERS, MONGO_URI (use external servers), TIDEWAY_PARTITIONS,",
        "  TIDEWAY_TOPIC_PREFIX, TIDEWAY_KAFKA_PORT (9092), TIDEWAY_MONGO_PORT (27017),",
        "  TIDEWAY_HTTP_PORT (8080: verifier; ingest, cleaner, loader on the next three),",
        "  TIDEWAY_BIND_HOST (127.0.0.1: the services' HTTP address), TIDEWAY_STATE_DIR");
  }
}
