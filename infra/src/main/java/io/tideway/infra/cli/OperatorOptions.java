package io.tideway.infra.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code rollback} and {@code replay} share: which file, and the admin token. */
final class OperatorOptions {

  @Option(
      names = "--file",
      paramLabel = "ID",
      required = true,
      description = "the file's file_id (shown by GET /api/files and in the run report)")
  String fileId;

  @Mixin TokenOption token;
}
