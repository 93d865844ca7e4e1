package io.tideway.infra.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pipeline replay --file ID}: re-runs a file from the raw topic and compares. */
@Command(
    name = "replay",
    description = {
      "Re-run file ID from the raw topic as ID-rN, wait until the verifier settles it, compare old"
          + " vs new (recommended: rollback, change the mapping/rules, restart, replay).",
      "Needs the admin token the stack was started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)."
    })
final class ReplayCommand implements Callable<Integer> {

  @Mixin OperatorOptions operator;
  @Mixin VerifierOption verifier;

  @Option(
      names = "--ingest-url",
      paramLabel = "URL",
      description = "ingest's admin API (default: the verifier's port + 1, i.e. :8081)")
  String ingestUrl;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "600",
      description = "how long to wait for the replayed file (default: ${DEFAULT-VALUE})")
  long timeoutS;

  @Override
  public Integer call() throws Exception {
    return OperatorCommands.replay(target(System.getenv()));
  }

  OperatorCommands.Target target(Map<String, String> env) {
    return OperatorCommands.Target.from(operator, verifier, ingestUrl, timeoutS, env);
  }
}
