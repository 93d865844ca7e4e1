package io.tideway.infra.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The admin token of the operator commands: the option, else the environment. */
final class TokenOption {

  @Option(
      names = "--token",
      paramLabel = "T",
      description =
          "the admin token the stack was started with (default: TIDEWAY_ADMIN_TOKEN from the"
              + " environment)")
  String token;

  /** The token to send, null when neither the option nor {@code env} gives a non-blank one. */
  String resolve(Map<String, String> env) {
    String t = token != null ? token : env.get(OperatorCommands.TOKEN_ENV);
    return t == null || t.isBlank() ? null : t;
  }
}
