package io.tideway.loader.health;

import jakarta.inject.Singleton;
import java.time.Instant;

/** The load loop's own view of its health, with the reason when it is not UP. */
@Singleton
public class LoaderHealth {

  /** States of the load loop. */
  public enum State {
    STARTING,
    UP,
    DEGRADED,
    DOWN
  }

  /** An immutable snapshot. */
  public record Snapshot(State state, String reason, Instant since) {}

  private volatile Snapshot current = new Snapshot(State.STARTING, "starting", Instant.now());

  public Snapshot current() {
    return current;
  }

  public void up() {
    if (current.state() != State.UP) {
      current = new Snapshot(State.UP, null, Instant.now());
    }
  }

  public void degraded(String reason) {
    Instant since = current.state() == State.DEGRADED ? current.since() : Instant.now();
    current = new Snapshot(State.DEGRADED, reason, since);
  }

  public void down(String reason) {
    current = new Snapshot(State.DOWN, reason, Instant.now());
  }
}
