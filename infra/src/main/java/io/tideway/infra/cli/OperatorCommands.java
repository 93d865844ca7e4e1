package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;

/** {@code ./pipeline rollback --file ID} and {@code replay --file ID} against a running stack. */
final class OperatorCommands {

  private OperatorCommands() {}

  static int rollback(Args args, Layout layout) {
    throw new UsageException("rollback is not available yet");
  }

  static int replay(Args args, Layout layout) {
    throw new UsageException("replay is not available yet");
  }
}
