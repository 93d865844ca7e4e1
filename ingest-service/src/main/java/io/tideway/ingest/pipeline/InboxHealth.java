package io.tideway.ingest.pipeline;

import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether ingest can claim files from its inbox: it must exist as a directory and be writable (a
 * claim is a rename out of it). Remembers when the inbox was last found usable.
 */
final class InboxHealth {

  private final Path inbox;
  private volatile Instant lastUsable;

  InboxHealth(Path inbox) {
    this.inbox = inbox;
  }

  /** Checks the inbox now. */
  SourceHealth check(Instant now) {
    String problem = problem(inbox);
    if (problem == null) {
      lastUsable = now;
      return new SourceHealth(inbox.toString(), HealthState.UP, null, now);
    }
    return new SourceHealth(inbox.toString(), HealthState.DOWN, problem, lastUsable);
  }

  /** Why files cannot be claimed from {@code inbox}, or null. */
  static String problem(Path inbox) {
    if (!Files.isDirectory(inbox)) {
      return "inbox " + inbox + " is not a directory (create it)";
    }
    if (!Files.isWritable(inbox)) {
      return "inbox " + inbox + " is not writable: files cannot be claimed (fix its permissions)";
    }
    return null;
  }
}
