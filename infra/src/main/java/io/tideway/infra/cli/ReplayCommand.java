package io.tideway.infra.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pipeline replay --file ID}: re-runs a file from the raw topic and compares. */
@Command(
    name = "replay",
    description = {
      "Re-run file ID from the raw topic as ID-rN with its mapping's latest version (rolling ID"
          + " back first when it was cleaned with an older one), wait until the verifier settles"
          + " it, compare old vs new: counts, mapping change, per-field data change.",
      "Needs the admin token the stack was started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)."
    })
final class ReplayCommand extends OperatorCommand {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "the stack's broker, where the mapping versions are read for the summary (default:"
              + " KAFKA_BOOTSTRAP_SERVERS, else localhost:TIDEWAY_KAFKA_PORT)")
  String bootstrap;

  @Override
  int run(OperatorCommands.Target target) throws Exception {
    return OperatorCommands.replay(target);
  }

  @Override
  long defaultTimeoutS() {
    return 600;
  }

  @Override
  String bootstrap() {
    return bootstrap;
  }
}
