package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;

/** {@code ./pipeline check FILE}: a dry run through ingest and cleaning, nothing written to MongoDB. */
final class CheckCommand {

  private CheckCommand() {}

  static int run(Args args, Layout layout) {
    throw new UsageException("check is not available yet");
  }
}
