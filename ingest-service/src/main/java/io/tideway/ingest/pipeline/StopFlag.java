package io.tideway.ingest.pipeline;

import jakarta.inject.Singleton;
import java.util.function.BooleanSupplier;

/**
 * Raised once, when ingest stops: the worker's loops and the file being read look at it, so a
 * shutdown ends a file at its next transaction boundary instead of finishing it.
 */
@Singleton
public final class StopFlag implements BooleanSupplier {

  private volatile boolean raised;

  /** From now on ingest is stopping. */
  public void raise() {
    raised = true;
  }

  @Override
  public boolean getAsBoolean() {
    return raised;
  }
}
