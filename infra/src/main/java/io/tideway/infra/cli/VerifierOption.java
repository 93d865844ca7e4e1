package io.tideway.infra.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --verifier-url} of the commands that talk to a running stack's verifier. */
final class VerifierOption {

  @Option(
      names = "--verifier-url",
      paramLabel = "URL",
      description = "the verifier (default: http://localhost:TIDEWAY_HTTP_PORT, i.e. :8080)")
  String verifierUrl;

  /** The option without a trailing slash, else the local stack's verifier. */
  String url(Map<String, String> env) {
    return OperatorCommands.Target.strip(
        verifierUrl != null ? verifierUrl : "http://localhost:" + httpPort(env));
  }

  /** The verifier's port of the local stack; ingest listens one above. */
  static int httpPort(Map<String, String> env) {
    return Integer.parseInt(env.getOrDefault("TIDEWAY_HTTP_PORT", "8080"));
  }
}
