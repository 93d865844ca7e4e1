package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
  public HttpResponse<?> lag() {
    return JsonResponses.ok(monitor.snapshot());
  }

  /**
   * {@code GET /api/lag/history}: each group's total lag over the last 15 minutes, {@code {group:
   * [{at, lag}, ...]}} oldest first.
   */
  @Get(value = "/history", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> history() {
    return JsonResponses.ok(monitor.history());
  }
}
