package io.tideway.verifier.api;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tideway.verifier.VerifierRuntime;
import io.tideway.verifier.alert.AlertBook;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** {@code /health}: DOWN when a verifier thread died; details tell whether the replay is done. */
@Singleton
public class VerifierHealth implements HealthIndicator {

  private final VerifierRuntime runtime;
  private final AlertBook alerts;

  public VerifierHealth(VerifierRuntime runtime, AlertBook alerts) {
    this.runtime = runtime;
    this.alerts = alerts;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    HealthStatus status = runtime.alive() ? HealthStatus.UP : HealthStatus.DOWN;
    return Mono.just(
        HealthResult.builder("verifier", status)
            .details(
                Map.of(
                    "caught_up",
                    runtime.caughtUp(),
                    "role",
                    runtime.active() ? "active" : "standby",
                    "open_alerts",
                    alerts.openCount()))
            .build());
  }
}
