package io.tideway.verifier.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.contracts.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a service's /health answer says, as a pure function of the answer: its state (UP, DEGRADED
 * or DOWN; Micronaut's UNKNOWN, a service still starting, counts as DEGRADED), the first reason one
 * of its indicators gives, and the sources ingest lists.
 */
public record ServiceReading(ComponentHealth service, List<SourceHealth> sources) {

  /** Reads {@code body}, answered with HTTP {@code httpStatus} in {@code latencyMs}. */
  public static ServiceReading of(
      String name, String url, int httpStatus, String body, long latencyMs) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body == null ? "" : body);
    } catch (java.io.IOException | RuntimeException e) {
      root = null;
    }
    if (root == null || !root.has("status")) {
      HealthState state = httpStatus == 200 ? HealthState.UP : HealthState.DOWN;
      String reason = state == HealthState.UP ? null : "/health answered HTTP " + httpStatus;
      return new ServiceReading(
          new ComponentHealth(name, state, reason, latencyMs, url), List.of());
    }
    HealthState state = state(root.path("status").asText());
    List<SourceHealth> sources = new ArrayList<>();
    String reason = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("details").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode indicator = entry.getValue();
      JsonNode details = indicator.path("details");
      if (reason == null && state(indicator.path("status").asText("UP")) != HealthState.UP) {
        reason = details.hasNonNull("reason") ? details.get("reason").asText() : null;
        if (reason == null && details.hasNonNull("state")) {
          reason = details.get("state").asText();
        }
        if (reason == null) {
          reason = entry.getKey() + " is " + indicator.path("status").asText();
        }
      }
      for (JsonNode s : details.path("sources")) {
        sources.add(
            new SourceHealth(
                s.path("source").asText(),
                state(s.path("state").asText()),
                s.hasNonNull("reason") ? s.get("reason").asText() : null,
                s.hasNonNull("last_successful_poll")
                    ? Instant.parse(s.get("last_successful_poll").asText())
                    : null));
      }
    }
    if (state != HealthState.UP && reason == null) {
      reason = "/health says " + root.path("status").asText();
    }
    return new ServiceReading(
        new ComponentHealth(name, state, state == HealthState.UP ? null : reason, latencyMs, url),
        List.copyOf(sources));
  }

  /** A service that did not answer. */
  public static ServiceReading unanswered(String name, String url, String why) {
    return new ServiceReading(
        new ComponentHealth(name, HealthState.DOWN, "not answering: " + why, null, url), List.of());
  }

  private static HealthState state(String status) {
    return switch (status) {
      case "UP" -> HealthState.UP;
      case "DOWN" -> HealthState.DOWN;
      default -> HealthState.DEGRADED; // DEGRADED, UNKNOWN (starting)
    };
  }
}
