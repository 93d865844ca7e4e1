package io.tideway.infra.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the operator commands share: the admin token, the verifier, and how they are run. */
abstract class OperatorCommand implements Callable<Integer> {

  @Mixin OperatorOptions operator;
  @Mixin VerifierOption verifier;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      description =
          "how long to wait for the verifier to settle the file (default: 60 for"
              + " rollback, 600 for replay)")
  Long timeoutS;

  @Override
  public Integer call() throws Exception {
    return run(target(System.getenv()));
  }

  /** The command's target from its options, the environment filling what they leave out. */
  OperatorCommands.Target target(Map<String, String> env) {
    return OperatorCommands.Target.from(
        operator, verifier, bootstrap(), timeoutS != null ? timeoutS : defaultTimeoutS(), env);
  }

  /** Runs the command; returns its exit code. */
  abstract int run(OperatorCommands.Target target) throws Exception;

  /** How long the command waits for the verifier to settle the file without --timeout, in s. */
  abstract long defaultTimeoutS();

  /** The broker named on the command line, or null. */
  String bootstrap() {
    return null;
  }
}
