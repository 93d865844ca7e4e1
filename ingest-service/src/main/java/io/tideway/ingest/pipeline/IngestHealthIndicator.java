package io.tideway.ingest.pipeline;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/** Reports the ingest worker on /health: DOWN once fenced or failed, UNKNOWN while connecting. */
@Singleton
public class IngestHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final IngestService service;

  public IngestHealthIndicator(IngestService service) {
    this.service = service;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    String state = service.state();
    healthStatus =
        switch (state) {
          case "running" -> HealthStatus.UP;
          case "fenced", "failed", "stopped" -> HealthStatus.DOWN;
          default -> HealthStatus.UNKNOWN;
        };
    return Map.of("state", state);
  }

  @Override
  protected String getName() {
    return "ingest";
  }
}
