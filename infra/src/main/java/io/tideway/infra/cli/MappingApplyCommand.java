package io.tideway.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline mapping apply FILE.yaml}: validates and publishes a new mapping version. */
@Command(
    name = "apply",
    description = {
      "Validate FILE and publish it as the next version of its mapping on the running stack's"
          + " mappings topic; the services use it without restart. An invalid file prints"
          + " file:line: problem and publishes nothing."
    })
final class MappingApplyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE.yaml", arity = "1", description = "the mapping to apply")
  Path file;

  @Mixin BrokerOptions broker;

  @Override
  public Integer call() throws Exception {
    return MappingTopicCommands.apply(file, broker.broker(), System.out);
  }
}
