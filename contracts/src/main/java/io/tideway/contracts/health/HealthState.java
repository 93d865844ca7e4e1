package io.tideway.contracts.health;

/**
 * The one health scale of every service, source and store, in /health and in the verifier's {@code
 * GET /api/health}: UP works; DEGRADED works partly or waits for something it needs and loses
 * nothing; DOWN does not work or does not answer.
 */
public enum HealthState {
  UP,
  DEGRADED,
  DOWN;

  /** The worse of the two. */
  public HealthState worst(HealthState other) {
    return other != null && other.ordinal() > ordinal() ? other : this;
  }
}
