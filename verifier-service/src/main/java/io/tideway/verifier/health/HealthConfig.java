package io.tideway.verifier.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the verifier watches for {@code GET /api/health} and the cause alerts. */
@ConfigurationProperties("tideway.verifier.health")
public class HealthConfig {

  private List<String> services = List.of();
  private Duration interval = Duration.ofSeconds(2);
  private Duration timeout = Duration.ofSeconds(3);
  private int downAfter = 3;
  private Duration startupGrace = Duration.ofSeconds(60);

  /**
   * The services to watch, each {@code name=base-url} (their {@code /health} is asked); {@code
   * ./pipeline} passes every process it starts (default: none).
   */
  public List<String> getServices() {
    return services;
  }

  public void setServices(List<String> services) {
    this.services = services == null ? List.of() : services;
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

  /** How often health is asked (default 2s). */
  public Duration getInterval() {
    return interval;
  }

  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  /** How long one /health or broker request may take (default 3s). */
  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Consecutive unanswered requests before a service or the broker counts as DOWN (default 3): one
   * slow answer on a busy machine is no outage.
   */
  public int getDownAfter() {
    return downAfter;
  }

  public void setDownAfter(int downAfter) {
    this.downAfter = Math.max(1, downAfter);
  }

  /**
   * How long after the verifier starts a service that has not answered yet is taken as starting,
   * not DOWN (default 60s): JVMs started together answer late on a busy machine.
   */
  public Duration getStartupGrace() {
    return startupGrace;
  }

  public void setStartupGrace(Duration startupGrace) {
    this.startupGrace = startupGrace;
  }
}
