package io.tideway.infra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline ack ALERT_ID}: an operator acknowledges an open alert. */
@Command(
    name = "ack",
    description = {
      "Acknowledge an open alert: it stays open until its cause resolves, shows greyed on the"
          + " dashboard with who and when, and the webhook is not notified again while it is open.",
      "Needs the admin token the stack was started with (TIDEWAY_ADMIN_TOKEN=... ./pipeline up)."
    })
final class AckCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "ALERT_ID",
      arity = "1",
      description =
          "the alert's id, e.g. MISMATCH/<file id> (shown on the dashboard and by GET /api/alerts)")
  String alertId;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "who acknowledges it (default: operator)")
  String by;

  @Option(names = "--note", paramLabel = "TEXT", description = "why, or what is being done")
  String note;

  @Mixin TokenOption token;

  @Mixin VerifierOption verifier;

  @Override
  public Integer call() throws Exception {
    return OperatorCommands.ack(
        verifier.url(System.getenv()), token.resolve(System.getenv()), alertId, by, note);
  }
}
