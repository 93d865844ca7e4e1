package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The launcher's command line: every command's options, help, and usage errors (no stack). */
class PipelineTest {

  /** What one {@code ./pipeline ...} printed and returned. */
  record Outcome(int code, String out, String err) {}

  static Outcome launch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Pipeline.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .execute(args);
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every runnable command as typed after {@code ./pipeline}, e.g. "mapping init". */
  static List<String> commandPaths() {
    List<String> paths = new ArrayList<>();
    collect(Pipeline.commandLine(System.out, System.err), "", paths);
    return paths;
  }

  private static void collect(CommandLine cli, String prefix, List<String> paths) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              if (sub.getSubcommands().isEmpty()) {
                paths.add(prefix + name);
              } else {
                collect(sub, prefix + name + " ", paths);
              }
            });
  }

  @Test
  void withoutACommandOrWithHelpTheCommandsAreListed() {
    for (String[] args : List.of(new String[0], new String[] {"help"}, new String[] {"--help"})) {
      Outcome o = launch(args);
      assertThat(o.code()).isZero();
      assertThat(o.out())
          .contains("Usage: pipeline", "run", "up", "down", "generate", "check", "mapping")
          .contains(
              "bench", "rollback", "replay", "rejects", "ack", "build", "TIDEWAY_ADMIN_TOKEN");
    }
  }

  @Test
  void everyCommandHasHelpWithItsOptions() {
    assertThat(commandPaths())
        .containsExactlyInAnyOrder(
            "run",
            "up",
            "down",
            "generate",
            "check",
            "mapping init",
            "mapping apply",
            "mapping list",
            "mapping show",
            "mapping export",
            "bench",
            "rollback",
            "replay",
            "rejects",
            "ack",
            "build");
    for (String path : commandPaths()) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      Outcome o = launch(args.toArray(String[]::new));
      assertThat(o.code()).as(path).isZero();
      assertThat(o.out()).as(path).startsWith("Usage: pipeline " + path).contains("--help");
    }
    assertThat(launch("help", "check").out())
        .contains("Usage: pipeline check", "--format=json|md", "--timeout=SECONDS", "1800)");
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of("run", "--bogus"), "Unknown option: '--bogus'", "pipeline run"),
        Arguments.of(List.of("nonsense"), "'nonsense'", "pipeline [-h] COMMAND"),
        Arguments.of(
            List.of("generate", "--rows", "many", "--out", "x.csv"),
            "Invalid value for option '--rows': 'many'",
            "pipeline generate"),
        Arguments.of(List.of("generate", "--out", "x.csv"), "'--rows=N'", "pipeline generate"),
        Arguments.of(
            List.of("generate", "--rows", "-1", "--out", "x.csv"),
            "--rows must be 0 or more, got -1",
            "pipeline generate"),
        Arguments.of(List.of("check"), "'FILE'", "pipeline check"),
        Arguments.of(
            List.of("check", "pom.xml", "--format", "xml"),
            "--format is json or md, got 'xml'",
            "pipeline check"),
        Arguments.of(List.of("check", "a.csv", "b.csv"), "'b.csv'", "pipeline check"),
        Arguments.of(List.of("rejects"), "'FILE_ID'", "pipeline rejects"),
        Arguments.of(List.of("rollback"), "'--file=ID'", "pipeline rollback"),
        Arguments.of(List.of("rollback", "--file"), "'--file'", "pipeline rollback"),
        Arguments.of(List.of("mapping"), "subcommand", "pipeline mapping"),
        Arguments.of(List.of("mapping", "init"), "'FILE'", "pipeline mapping init"),
        Arguments.of(
            List.of("mapping", "init", "/no/such.csv"),
            "no such file: /no/such.csv",
            "pipeline mapping init"),
        Arguments.of(
            List.of("up", "--replicas", "10"),
            "--replicas must be between 1 and 9, got 10",
            "pipeline up"),
        Arguments.of(List.of("run", "/no/such.csv"), "no such file: /no/such.csv", "pipeline run"),
        Arguments.of(List.of("bench", "--rows", "1e3"), "'--rows': '1e3'", "pipeline bench"),
        Arguments.of(
            List.of("bench", "--only", "e2e", "--rounds", "0"),
            "--rounds must be at least 1, not 0",
            "pipeline bench"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void aUsageErrorNamesTheProblemPrintsTheCommandsUsageAndExits2(
      List<String> args, String problem, String usage) {
    Outcome o = launch(args.toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.out()).isEmpty();
    assertThat(o.err())
        .startsWith("pipeline: ")
        .contains(problem)
        .contains("Usage: " + usage)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aFailureThatIsNotAUsageErrorPrintsItsMessageWithoutUsageAndExits1() {
    Outcome o = launch("rollback", "--file", "f1", "--token", " ");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err())
        .startsWith("pipeline: no admin token")
        .doesNotContain("Usage:", "Exception", "\tat ");
  }

  @Test
  void runParsesFilesAndEveryOption() {
    RunFilesCommand run =
        Parsed.command(
            RunFilesCommand.class,
            "run",
            "a.csv",
            "--mapping",
            "admissions",
            "b.csv",
            "--report",
            "r.json",
            "--data-dir",
            "d",
            "--partitions",
            "3",
            "--replicas",
            "2",
            "--timeout",
            "5");
    assertThat(run.files).containsExactly(Path.of("a.csv"), Path.of("b.csv"));
    assertThat(run.mapping).isEqualTo("admissions");
    assertThat(run.report).isEqualTo(Path.of("r.json"));
    assertThat(run.stack.dataDir).isEqualTo(Path.of("d"));
    assertThat(run.partitions.partitions).isEqualTo(3);
    assertThat(run.stack.replicas()).isEqualTo(2);
    assertThat(run.timeoutS).isEqualTo(5);
  }

  @Test
  void runDefaults() {
    RunFilesCommand run = Parsed.command(RunFilesCommand.class, "run");
    assertThat(run.files).isEmpty();
    assertThat(run.mapping).isNull();
    assertThat(run.report).isNull();
    assertThat(run.stack.dataDir).isNull();
    assertThat(run.partitions.partitions).isNull();
    assertThat(run.stack.replicas()).isEqualTo(1);
    assertThat(run.timeoutS).isEqualTo(1800);
  }

  @Test
  void upParsesItsOptionsAndRefusesReplicasOutsideOneToNine() {
    UpCommand up =
        Parsed.command(
            UpCommand.class, "up", "--inbox", "in", "--data-dir", "d", "--replicas", "9");
    assertThat(up.inbox).isEqualTo(Path.of("in"));
    assertThat(up.stack.dataDir).isEqualTo(Path.of("d"));
    assertThat(up.stack.replicas()).isEqualTo(9);
    assertThat(Parsed.command(UpCommand.class, "up").inbox).isEqualTo(Path.of("inbox"));
    assertThatThrownBy(
            () -> Parsed.command(UpCommand.class, "up", "--replicas", "0").stack.replicas())
        .isInstanceOf(UsageException.class)
        .hasMessage("--replicas must be between 1 and 9, got 0");
  }

  @Test
  void generateDefaultsToTheSamplesShareAndSeed() {
    GenerateCommand g =
        Parsed.command(GenerateCommand.class, "generate", "--rows", "10", "--out", "x.csv");
    assertThat(g.rows).isEqualTo(10);
    assertThat(g.duplicates).isEqualTo(0.00962);
    assertThat(g.seed).isEqualTo(42);
    assertThat(g.out).isEqualTo(Path.of("x.csv"));
    GenerateCommand h =
        Parsed.command(
            GenerateCommand.class,
            "generate",
            "--rows",
            "10",
            "--duplicates",
            "0.5",
            "--seed",
            "7",
            "--out",
            "y.csv");
    assertThat(h.duplicates).isEqualTo(0.5);
    assertThat(h.seed).isEqualTo(7);
  }

  @Test
  void checkParsesItsOptionsAndRefusesAPathAsMappingName() {
    CheckCommand c =
        Parsed.command(
            CheckCommand.class,
            "check",
            "f.csv",
            "--mapping",
            "m",
            "--format",
            "md",
            "--partitions",
            "2",
            "--timeout",
            "9");
    assertThat(c.file).isEqualTo("f.csv");
    assertThat(c.mapping).isEqualTo("m");
    assertThat(c.format).isEqualTo("md");
    assertThat(c.partitions.partitions).isEqualTo(2);
    assertThat(c.timeoutS).isEqualTo(9);
    CheckCommand d = Parsed.command(CheckCommand.class, "check", "pom.xml");
    assertThat(d.format).isEqualTo("json");
    assertThat(d.timeoutS).isEqualTo(1800);
    assertThat(d.checkedArguments()).isEqualTo(Path.of("pom.xml").toAbsolutePath());
    for (String bad : List.of("../m", "a/b", ".hidden", " ")) {
      assertThatThrownBy(
              () ->
                  Parsed.command(CheckCommand.class, "check", "pom.xml", "--mapping", bad)
                      .checkedArguments())
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--mapping needs a mapping name");
    }
    assertThatThrownBy(
            () -> Parsed.command(CheckCommand.class, "check", "/no/such.csv").checkedArguments())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void benchDefaultsToAMillionRowsOfEveryStage() {
    BenchCommand b = Parsed.command(BenchCommand.class, "bench");
    assertThat(b.rows).isEqualTo(1_000_000);
    assertThat(b.only).isEqualTo("all");
    assertThat(b.rounds).isEqualTo(1);
    BenchCommand e =
        Parsed.command(
            BenchCommand.class, "bench", "--rows", "5", "--only", "e2e", "--rounds", "3");
    assertThat(e.rows).isEqualTo(5);
    assertThat(e.only).isEqualTo("e2e");
    assertThat(e.rounds).isEqualTo(3);
  }

  @Test
  void mappingInitAndRejectsParseTheirOptions() {
    MappingInitCommand init =
        Parsed.command(
            MappingInitCommand.class, "mapping", "init", "f.csv", "--name", "n", "--out", "o.yaml");
    assertThat(init.file).isEqualTo(Path.of("f.csv"));
    assertThat(init.name).isEqualTo("n");
    assertThat(init.out).isEqualTo(Path.of("o.yaml"));
    RejectsCommand r =
        Parsed.command(
            RejectsCommand.class, "rejects", "f1", "--csv", "--verifier-url", "http://v/");
    assertThat(r.fileId).isEqualTo("f1");
    assertThat(r.csv).isTrue();
    assertThat(r.verifier.url(Map.of())).isEqualTo("http://v");
    RejectsCommand plain = Parsed.command(RejectsCommand.class, "rejects", "f1");
    assertThat(plain.csv).isFalse();
    assertThat(plain.verifier.url(Map.of("TIDEWAY_HTTP_PORT", "9000")))
        .isEqualTo("http://localhost:9000");
  }
}
