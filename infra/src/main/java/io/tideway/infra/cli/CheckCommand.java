package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.quality.QualityReports;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pipeline check FILE}: a dry run through ingest and cleaning, nothing written to MongoDB.
 * An isolated stack (own state directory, free ports, Kafka + ingest + cleaner only) takes the
 * file; the cleaner's counters and quality report are read straight from the topics.
 */
@Command(
    name = "check",
    description = {
      "Dry run on an isolated Kafka + ingest + cleaner (free ports, .tideway/check/, no MongoDB;"
          + " works while up runs): prints rows read, would load, duplicates, rejected and the"
          + " data-quality report; exit 1 if the file FAILED.",
      "Each check's logs are kept in .tideway/check-logs/<time>/."
    })
final class CheckCommand implements Callable<Integer> {

  private static final PrintStream ERR = System.err;

  /** What a check settled on. */
  record Result(
      CheckWatcher.Outcome outcome,
      String fileName,
      String mapping,
      long rowsRead,
      long wouldLoad,
      long duplicates,
      long rejected,
      QualityReport quality,
      String reason) {}

  @Parameters(paramLabel = "FILE", arity = "1", description = "the CSV file to check")
  String file;

  @Option(
      names = "--mapping",
      paramLabel = "NAME",
      description = "check with this installed mapping (default: the one the header fits)")
  String mapping;

  @Option(
      names = "--format",
      paramLabel = "json|md",
      defaultValue = "json",
      description = "the result as JSON or as a Markdown report (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "1800",
      description = "give up waiting for the file after this long (default: ${DEFAULT-VALUE})")
  long timeoutS;

  @Mixin PartitionsOption partitions;

  @Override
  public Integer call() throws Exception {
    return run(Pipeline.layout());
  }

  int run(Layout layout) throws Exception {
    Path path = checkedArguments();
    LauncherPid.claim(layout, "check");
    Layout checkLayout = checkLayout(layout);
    if (path.startsWith(checkLayout.state())) {
      throw new UsageException(
          "the file must not be under " + checkLayout.state() + " (wiped by every check)");
    }
    MappingCommands.preflight(checkLayout, settings(checkLayout, partitions.partitions));
    Result r;
    try {
      r =
          execute(
              checkLayout,
              path,
              mapping,
              partitions.partitions,
              Duration.ofSeconds(timeoutS),
              ERR,
              null);
    } finally {
      keepLogs(checkLayout, layout);
    }
    if (r.outcome() == CheckWatcher.Outcome.FAILED) {
      ERR.printf(
          "check: %s FAILED in ingest: %s%n", LogSafe.of(r.fileName()), LogSafe.of(r.reason()));
      return 1;
    }
    if (r.outcome() == CheckWatcher.Outcome.TIMEOUT) {
      ERR.printf(
          "check: %s not settled within %ds (%s)%n",
          LogSafe.of(r.fileName()), timeoutS, LogSafe.of(r.reason()));
      return 1;
    }
    System.out.println(format.equals("md") ? markdown(r) : json(r));
    return 0;
  }

  /** The file to check, once the options are known to be usable; else a usage error. */
  Path checkedArguments() {
    if (!format.equals("json") && !format.equals("md")) {
      throw new UsageException("--format is json or md, got '" + format + "'");
    }
    if (mapping != null
        && (mapping.isBlank()
            || mapping.contains("/")
            || mapping.contains("\\")
            || mapping.startsWith("."))) {
      throw new UsageException("--mapping needs a mapping name, got '" + mapping + "'");
    }
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new UsageException("no such file: " + file);
    }
    return path;
  }

  /**
   * Copies this check's logs to {@code <state>/check-logs/<time>/} (the next check wipes {@code
   * <state>/check/}), keeps the 20 newest such folders, and says where they are.
   */
  static void keepLogs(Layout checkLayout, Layout layout) {
    Path from = checkLayout.logs();
    if (!Files.isDirectory(from)) {
      return;
    }
    Path root = layout.state().resolve("check-logs");
    String stamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .format(java.time.LocalDateTime.now());
    Path to = root.resolve(stamp);
    try {
      Files.createDirectories(to);
      try (var logs = Files.list(from)) {
        for (Path log : logs.toList()) {
          Files.copy(log, to.resolve(log.getFileName()));
        }
      }
      try (var old = Files.list(root)) {
        List<Path> all = old.sorted().toList();
        for (Path p : all.subList(0, Math.max(0, all.size() - 20))) {
          deleteTree(p);
        }
      }
      ERR.printf("check: logs of this check in %s%n", to);
    } catch (java.io.IOException e) {
      ERR.printf("check: could not keep the logs in %s: %s%n", to, e.getMessage());
    }
  }

  /**
   * The launcher's settings for a check: its own inbox; without {@code --partitions} or {@code
   * TIDEWAY_PARTITIONS}, 3 partitions (one file needs no more).
   */
  static StackSettings settings(Layout checkLayout, Integer partitions) {
    Map<String, String> env = System.getenv();
    return StackSettings.fromEnvironment(
        env,
        checkLayout.state().resolve("inbox"),
        partitions != null
            ? partitions
            : Integer.parseInt(env.getOrDefault("TIDEWAY_PARTITIONS", "3")));
  }

  /** The check's own state directory: {@code <state>/check}. */
  static Layout checkLayout(Layout layout) {
    return new Layout(layout.home(), layout.state().resolve("check"));
  }

  /**
   * Wipes {@code checkLayout.state()}, starts Kafka + ingest + cleaner on free ports, drops the
   * file and waits until it is accounted for; stops everything. {@code started} (may be null) sees
   * the running stack, for tests.
   */
  static Result execute(
      Layout checkLayout,
      Path file,
      String mapping,
      Integer partitions,
      Duration timeout,
      PrintStream err,
      java.util.function.Consumer<Stack> started)
      throws Exception {
    deleteTree(checkLayout.state());
    Path inbox = checkLayout.state().resolve("inbox");
    Path dropDir = mapping == null ? inbox : inbox.resolve(mapping);
    Files.createDirectories(dropDir);
    FreePorts ports = FreePorts.find();
    StackSettings settings =
        settings(checkLayout, partitions)
            .isolatedOn(ports.kafka(), ports.mongo(), ports.httpBase());
    Stack stack =
        new Stack(
            checkLayout,
            settings,
            EnumSet.of(ServiceCatalog.INGEST, ServiceCatalog.CLEANER),
            false);
    Thread hook = new Thread(stack::close, "check-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      err.printf(
          "check: starting an isolated Kafka + ingest + cleaner (no MongoDB) under %s%n",
          checkLayout.state());
      stack.start();
      if (started != null) {
        started.accept(stack);
      }
      String name = file.getFileName().toString();
      try (CheckWatcher watcher =
          new CheckWatcher(settings.bootstrapServers(), settings.topicPrefix(), name)) {
        Path part = dropDir.resolve(name + ".part");
        Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
        // Ingest ignores *.part: the rename makes the whole file appear at once.
        Files.move(part, dropDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        err.printf("check: dropped %s into %s%n", LogSafe.of(name), dropDir);
        CheckWatcher.Outcome outcome = watcher.await(timeout, err);
        CleanTotals t = watcher.totals();
        return new Result(
            outcome,
            name,
            watcher.mapping() != null ? watcher.mapping() : mapping,
            watcher.rowsRead(),
            t.cleaned(),
            t.duplicates(),
            t.rejected(),
            watcher.quality(),
            watcher.reason());
      }
    } finally {
      stack.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
  }

  static String json(Result r) throws IOException {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("file_name", r.fileName());
    out.put("mapping", r.mapping());
    out.put("rows_read", r.rowsRead());
    out.put("would_load", r.wouldLoad());
    out.put("duplicates", r.duplicates());
    out.put("rejected", r.rejected());
    out.set("quality", Json.MAPPER.valueToTree(report(r)));
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
  }

  static String markdown(Result r) {
    return QualityReports.markdown(report(r))
        + "\n_Dry run (`./pipeline check`): nothing was written to MongoDB; duplicates are counted within"
        + " this file only._\n";
  }

  /** The merged report, or an empty one for a file without rows. */
  private static QualityReport report(Result r) {
    if (r.quality() != null) {
      return r.quality();
    }
    return new QualityReport(
        QualityReport.SCHEMA,
        null,
        r.fileName(),
        r.mapping(),
        QualityReports.ALL_PARTITIONS,
        0,
        0,
        0,
        0,
        Map.of(),
        Map.of(),
        List.of(),
        null);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Summed cleaner counters of the file. */
  record CleanTotals(long cleaned, long duplicates, long rejected) {
    long accounted() {
      return cleaned + duplicates + rejected;
    }
  }
}
