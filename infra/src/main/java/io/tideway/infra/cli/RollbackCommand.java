package io.tideway.infra.cli;

import picocli.CommandLine.Command;

/** {@code ./pipeline rollback --file ID}: deletes the documents a file brought. */
@Command(
    name = "rollback",
    description = {
      "Delete the documents file ID brought (via the verifier, which refuses while other files"
          + " counted duplicates of them) and wait until the verifier shows it ROLLED_BACK.",
      "Needs the admin token the stack was started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)."
    })
final class RollbackCommand extends OperatorCommand {

  @Override
  int run(OperatorCommands.Target target) throws Exception {
    return OperatorCommands.rollback(target);
  }

  @Override
  long defaultTimeoutS() {
    return 60;
  }
}
