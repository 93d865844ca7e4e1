package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.infra.run.RunCommand;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import io.tideway.infra.stack.StartState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pipeline run [FILE...]}: the stack for these files (none: the bundled sample), the
 * report on stdout, exit 0 only when every file is VERIFIED.
 */
@Command(
    name = "run",
    description = {
      "Start the stack, ingest the files (no file: the bundled sample), wait until each is VERIFIED"
          + " or failed, print the JSON report on stdout, stop; exit 0 only if all are verified.",
      "Without --mapping each file gets the mapping its header fits, else one inferred from it"
          + " (saved as YAML under the state dir and printed)."
    })
final class RunFilesCommand implements Callable<Integer> {

  private static final PrintStream ERR = System.err;

  /** The bundled sample's size: the reference workload of the README and the benchmarks. */
  private static final long SAMPLE_ROWS = 55_500;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "CSV files (gzip: .csv.gz)")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--mapping",
      paramLabel = "NAME|PATH",
      description = "use this mapping for every file: a known mapping's name, or a mapping file")
  String mapping;

  @Option(
      names = "--report",
      paramLabel = "PATH",
      description = "also write the JSON report to PATH")
  Path report;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "1800",
      description = "give up waiting for the files after this long (default: ${DEFAULT-VALUE})")
  long timeoutS;

  @Mixin StackOptions stack;
  @Mixin PartitionsOption partitions;

  @Override
  public Integer call() throws Exception {
    int replicas = stack.replicas();
    Layout layout = Pipeline.layout();
    Layout stackLayout = stack.stackLayout(layout);
    List<Path> inputs = new ArrayList<>();
    for (Path f : files) {
      Path p = f.toAbsolutePath();
      if (!Files.isRegularFile(p)) {
        throw new UsageException("no such file: " + f);
      }
      inputs.add(p);
    }
    if (inputs.isEmpty()) {
      Path sample = layout.state().resolve("sample").resolve("admissions-55500.csv");
      if (!Files.exists(sample)) {
        GenerateCommand.write(
            sample, SAMPLE_ROWS, Double.parseDouble(GenerateCommand.SAMPLE_DUPLICATES), 42, ERR);
      }
      inputs.add(sample);
    }
    StackSettings settings =
        StackSettings.fromEnvironment(stackLayout.runInbox(), partitions.partitions)
            .withReplicas(replicas);
    String chosen = mapping == null ? null : MappingCommands.forRun(mapping, stackLayout, settings);
    if (mapping == null) {
      clearRunMappings(stackLayout);
    }
    MappingCommands.preflight(stackLayout, settings);
    LauncherPid.claim(layout, "run");
    StartState.prepare(stackLayout, settings);
    ObjectNode result;
    try (Stack running = new Stack(stackLayout, settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "run-shutdown"));
      running.start();
      UpCommand.printUrls(running, ERR);
      result =
          new RunCommand(
                  chosen == null ? settings.inbox() : settings.inbox().resolve(chosen),
                  new VerifierClient(settings.verifierUrl()),
                  Duration.ofSeconds(timeoutS),
                  ERR)
              .execute(inputs);
    }
    String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result);
    System.out.println(json);
    printInferredMappings(result, stackLayout);
    if (report != null) {
      Files.writeString(report, json + "\n");
    }
    return RunCommand.allVerified(result) ? 0 : 1;
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
    Set<String> shown = new HashSet<>();
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
}
