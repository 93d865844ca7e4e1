package io.tideway.infra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline mapping show NAME}: the YAML of a mapping version, on stdout. */
@Command(
    name = "show",
    description = {"Print the YAML of a mapping's latest (or given) version."})
final class MappingShowCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", arity = "1", description = "the mapping (see mapping list)")
  String name;

  @Option(names = "--version", paramLabel = "N", description = "a version (default: the latest)")
  Integer version;

  @Mixin BrokerOptions broker;

  @Override
  public Integer call() throws Exception {
    return MappingTopicCommands.show(name, version, null, broker.broker(), System.out);
  }
}
