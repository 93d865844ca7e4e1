package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code ./pipeline}: one picocli subcommand per command. Stdout carries only
 * results; a usage error names the wrong option, prints the command's usage and exits 2; any other
 * failure prints its message (never a stack trace) and exits 1.
 */
@Command(
    name = "pipeline",
    synopsisSubcommandLabel = "COMMAND",
    description = "Tideway: CSV files into MongoDB through Kafka, with per-file proof.",
    subcommands = {
      RunFilesCommand.class,
      UpCommand.class,
      DownCommand.class,
      GenerateCommand.class,
      CheckCommand.class,
      MappingCommand.class,
      BenchCommand.class,
      RollbackCommand.class,
      ReplayCommand.class,
      RejectsCommand.class,
      AckCommand.class,
      BuildCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Environment: KAFKA_BOOTSTRAP_SERVERS, MONGO_URI (use external servers), TIDEWAY_PARTITIONS,",
      "  TIDEWAY_TOPIC_PREFIX, TIDEWAY_KAFKA_PORT (9092), TIDEWAY_MONGO_PORT (27017),",
      "  TIDEWAY_HTTP_PORT (8080: verifier; ingest, cleaner, loader on the next three),",
      "  TIDEWAY_BIND_HOST (127.0.0.1: the services' HTTP address), TIDEWAY_STATE_DIR,",
      "  TIDEWAY_ADMIN_TOKEN (rollback, replay, ack). './pipeline help COMMAND' shows a command's options."
    })
public final class Pipeline implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Exit code of a usage error (picocli's and the launcher's convention). */
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs one command on the current {@code System.out}/{@code System.err} and returns its exit code
   * (what {@code main} exits with); for in-process tests too.
   */
  public static int execute(String... args) {
    return commandLine(System.out, System.err).execute(args);
  }

  /** Without a command: the list of commands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The whole command tree, with the launcher's error handling, writing to {@code out}/{@code err}.
   */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Pipeline());
    addHelpOption(cli);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter w = e.getCommandLine().getErr();
          w.println("pipeline: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
          e.getCommandLine().usage(w);
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          PrintWriter w = command.getErr();
          w.println("pipeline: " + e.getMessage());
          if (e instanceof UsageException) {
            command.usage(w);
            return USAGE;
          }
          LOG.debug("failure", e);
          return 1;
        });
    return cli;
  }

  /** {@code -h/--help} on every command but {@code help} itself, which has its own. */
  private static void addHelpOption(CommandLine command) {
    if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
      command
          .getCommandSpec()
          .addOption(
              OptionSpec.builder("-h", "--help")
                  .usageHelp(true)
                  .description("show this command's usage and options")
                  .build());
    }
    command.getSubcommands().values().forEach(Pipeline::addHelpOption);
  }

  /** Where the launcher lives ({@code -Dtideway.home}, set by the script) and its state. */
  static Layout layout() {
    return Layout.of(Path.of(System.getProperty("tideway.home", ".")), System.getenv());
  }
}
