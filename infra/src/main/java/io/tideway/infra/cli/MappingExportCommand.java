package io.tideway.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline mapping export NAME}: a mapping version as a YAML file to edit and apply. */
@Command(
    name = "export",
    description = {
      "Write a mapping's latest (or given) version as YAML, to edit and apply again; stdout"
          + " unless -o."
    })
final class MappingExportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", arity = "1", description = "the mapping (see mapping list)")
  String name;

  @Option(names = "--version", paramLabel = "N", description = "a version (default: the latest)")
  Integer version;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "write the YAML to FILE")
  Path out;

  @Mixin BrokerOptions broker;

  @Override
  public Integer call() throws Exception {
    return MappingTopicCommands.show(
        name, version, out == null ? null : out.toString(), broker.broker(), System.out);
  }
}
