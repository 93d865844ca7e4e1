package io.tideway.infra.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pipeline rollback --file ID}: deletes the documents a file brought. */
@Command(
    name = "rollback",
    description = {
      "Delete the documents file ID brought (via the verifier, which refuses while other files"
          + " counted duplicates of them) and wait until the verifier shows it ROLLED_BACK.",
      "Needs the admin token the stack was started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)."
    })
final class RollbackCommand implements Callable<Integer> {

  @Mixin OperatorOptions operator;
  @Mixin VerifierOption verifier;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "60",
      description = "how long to wait for ROLLED_BACK (default: ${DEFAULT-VALUE})")
  long timeoutS;

  @Override
  public Integer call() throws Exception {
    return OperatorCommands.rollback(target(System.getenv()));
  }

  OperatorCommands.Target target(Map<String, String> env) {
    return OperatorCommands.Target.from(operator, verifier, null, timeoutS, env);
  }
}
