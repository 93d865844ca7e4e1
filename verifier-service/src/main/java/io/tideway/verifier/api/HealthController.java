package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.verifier.health.HealthMonitor;

/**
 * {@code GET /api/health}: MongoDB (reachable, latency), Kafka (reachable), each watched service
 * (UP/DEGRADED/DOWN with its reason) and each source (inbox writable, S3 reachable, last successful
 * poll).
 */
@Controller("/api/health")
public class HealthController {

  private final HealthMonitor monitor;

  public HealthController(HealthMonitor monitor) {
    this.monitor = monitor;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> health() {
    return JsonResponses.ok(monitor.current());
  }
}
