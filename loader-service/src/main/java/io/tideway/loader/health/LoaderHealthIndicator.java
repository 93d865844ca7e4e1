package io.tideway.loader.health;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** {@code /health} entry "loader": UP, DEGRADED (retrying, with the reason) or DOWN. */
@Singleton
public class LoaderHealthIndicator implements HealthIndicator {

  /**
   * Impaired, not down: waiting for MongoDB and losing nothing. Operational null ranks it above UP
   * and below DOWN in the aggregate.
   */
  public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "retrying", null, 1);

  private final LoaderHealth health;
  private final MongoClient mongo;

  public LoaderHealthIndicator(LoaderHealth health, MongoClient mongo) {
    this.health = health;
    this.mongo = mongo;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    LoaderHealth.Snapshot s = health.current();
    if (s.state() == LoaderHealth.State.UP && !mongoReachable()) {
      // Idle loaders notice an outage through the driver's heartbeat, not only through a failed
      // write.
      s =
          new LoaderHealth.Snapshot(
              LoaderHealth.State.DEGRADED, "MongoDB unreachable (driver heartbeat)", s.since());
    }
    HealthStatus status =
        switch (s.state()) {
          case UP -> HealthStatus.UP;
          case DEGRADED -> DEGRADED;
          case DOWN -> HealthStatus.DOWN;
          case STARTING -> HealthStatus.UNKNOWN;
        };
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", s.state().name());
    if (s.reason() != null) {
      details.put("reason", s.reason());
    }
    details.put("since", s.since().toString());
    return Publishers.just(HealthResult.builder("loader", status).details(details).build());
  }

  private boolean mongoReachable() {
    return mongo.getClusterDescription().getServerDescriptions().stream()
        .anyMatch(ServerDescription::isOk);
  }
}
