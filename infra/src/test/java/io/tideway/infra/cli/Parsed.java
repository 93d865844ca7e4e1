package io.tideway.infra.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** A command line parsed by the launcher's command tree, without running it. */
final class Parsed {

  private Parsed() {}

  /** The innermost command {@code args} selects, with its options set. */
  static <T> T command(Class<T> type, String... args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    CommandLine.ParseResult r = Pipeline.commandLine(nowhere, nowhere).parseArgs(args);
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return type.cast(r.commandSpec().userObject());
  }
}
