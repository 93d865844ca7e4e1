package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.contracts.json.Json;
import io.tideway.verifier.lag.LagMonitor;

/**
 * {@code GET /api/lag}: Burrow-style status (OK/WARN/STALL/STOP) of each pipeline consumer group.
 */
@Controller("/api/lag")
public class LagController {

  private final LagMonitor monitor;

  public LagController(LagMonitor monitor) {
    this.monitor = monitor;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> lag() {
    return HttpResponse.ok(Json.toJson(monitor.snapshot()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
