package io.tideway.ingest.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.ingest.config.IngestConfig;
import io.tideway.ingest.s3.S3Source;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports the ingest worker and its sources on /health: DOWN once fenced or failed, UNKNOWN while
 * connecting, DEGRADED while running with a source (inbox, S3 bucket) that cannot be read; each
 * source with its state, reason and last successful poll under {@code sources}.
 */
@Singleton
public class IngestHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  /** Works, but a source cannot be read: ranked above UP and below DOWN in the aggregate. */
  static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "a source fails", null, 1);

  private final IngestService service;
  private final InboxHealth inbox;
  private final S3Source s3;

  public IngestHealthIndicator(IngestService service, IngestConfig config, @Nullable S3Source s3) {
    this.service = service;
    this.inbox = new InboxHealth(Path.of(config.getInbox()).toAbsolutePath().normalize());
    this.s3 = s3;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    String state = service.state();
    List<SourceHealth> sources = new ArrayList<>();
    sources.add(inbox.check(Instant.now()));
    if (s3 != null && s3.health() != null) {
      sources.add(s3.health());
    }
    HealthState worst = HealthState.UP;
    for (SourceHealth s : sources) {
      worst = worst.worst(s.state());
    }
    healthStatus =
        switch (state) {
          case "running" -> worst == HealthState.UP ? HealthStatus.UP : DEGRADED;
          case "fenced", "failed", "stopped" -> HealthStatus.DOWN;
          default -> HealthStatus.UNKNOWN;
        };
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state);
    sources.stream()
        .filter(s -> s.reason() != null)
        .findFirst()
        .ifPresent(s -> details.put("reason", s.reason()));
    // Plain maps: the health endpoint's serializer knows them without introspection.
    details.put("sources", sources.stream().map(IngestHealthIndicator::asMap).toList());
    return details;
  }

  private static Map<String, Object> asMap(SourceHealth s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", s.source());
    m.put("state", s.state().name());
    if (s.reason() != null) {
      m.put("reason", s.reason());
    }
    if (s.lastSuccessfulPoll() != null) {
      m.put("last_successful_poll", s.lastSuccessfulPoll().toString());
    }
    return m;
  }

  @Override
  protected String getName() {
    return "ingest";
  }
}
