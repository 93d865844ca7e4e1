package io.tideway.verifier.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the verifier watches for {@code GET /api/health} and the cause alerts.
 *
 * @param services The services to watch, each {@code name=base-url} (their {@code /health} is
 *     asked); {@code ./pipeline} passes every process it starts (default: none).
 * @param interval How often health is asked.
 * @param timeout How long one /health or broker request may take.
 * @param downAfter Consecutive unanswered requests before a service or the broker counts as DOWN:
 *     one slow answer on a busy machine is no outage.
 * @param startupGrace How long after the verifier starts a service that has not answered yet is
 *     taken as starting, not DOWN: JVMs started together answer late on a busy machine.
 */
@ConfigurationProperties("tideway.verifier.health")
public record HealthConfig(
    @Bindable(defaultValue = "") List<String> services,
    @Bindable(defaultValue = "2s") Duration interval,
    @Bindable(defaultValue = "3s") Duration timeout,
    @Bindable(defaultValue = "3") int downAfter,
    @Bindable(defaultValue = "60s") Duration startupGrace) {

  public HealthConfig {
    services = services == null ? List.of() : List.copyOf(services);
    downAfter = Math.max(1, downAfter);
  }

  /** The services by name, in the configured order; an entry without {@code =} is refused. */
  public Map<String, String> serviceUrls() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : services) {
      if (s == null || s.isBlank()) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "tideway.verifier.health.services entry '"
                + s
                + "' is not name=url (e.g. loader-service=http://localhost:8083)");
      }
      out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return out;
  }
}
