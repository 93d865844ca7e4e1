package io.tideway.verifier.health;

import io.tideway.contracts.health.HealthState;

/**
 * The health of one thing the data passes through (MongoDB, Kafka, a service), as the verifier sees
 * it.
 *
 * @param name what it is: {@code mongodb}, {@code kafka}, or the service's process name
 * @param reason why it is not UP (what its /health or the driver said); null when UP
 * @param latencyMs how long its last answer took; null when it did not answer or is not measured
 * @param url where it is asked, for services; null otherwise
 */
public record ComponentHealth(
    String name, HealthState state, String reason, Long latencyMs, String url) {

  /** {@code name} answered in {@code latencyMs}. */
  public static ComponentHealth up(String name, Long latencyMs) {
    return new ComponentHealth(name, HealthState.UP, null, latencyMs, null);
  }

  /** {@code name} did not answer, for {@code reason}. */
  public static ComponentHealth down(String name, String reason) {
    return new ComponentHealth(name, HealthState.DOWN, reason, null, null);
  }

  /** Whether it is DOWN. */
  public boolean down() {
    return state == HealthState.DOWN;
  }
}
