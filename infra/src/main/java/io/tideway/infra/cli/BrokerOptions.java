package io.tideway.infra.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the running stack's broker is, for the commands that read or write its mappings topic. */
final class BrokerOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "the running stack's broker (default: KAFKA_BOOTSTRAP_SERVERS, else"
              + " localhost:TIDEWAY_KAFKA_PORT)")
  String bootstrap;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "30",
      description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
  long timeoutS;

  MappingTopicCommands.Broker broker() {
    return MappingTopicCommands.Broker.of(bootstrap, Duration.ofSeconds(timeoutS));
  }
}
