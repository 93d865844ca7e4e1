package io.tideway.infra.cli;

import picocli.CommandLine.Option;

/**
 * {@code --partitions N} of the commands that start a broker ({@code up}, {@code run}, {@code
 * check}).
 */
final class PartitionsOption {

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "partitions of each topic (default: TIDEWAY_PARTITIONS, else 6)")
  Integer partitions;
}
