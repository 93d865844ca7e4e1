package io.tideway.infra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./pipeline mapping list}: every mapping on the running stack, its latest version. */
@Command(
    name = "list",
    description = {"List the running stack's mappings: name, latest version, origin, applied at."})
final class MappingListCommand implements Callable<Integer> {

  @Mixin BrokerOptions broker;

  @Override
  public Integer call() {
    return MappingTopicCommands.list(broker.broker(), System.out);
  }
}
