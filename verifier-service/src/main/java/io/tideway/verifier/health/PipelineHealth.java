package io.tideway.verifier.health;

import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import java.time.Instant;
import java.util.List;

/**
 * The health of everything the data passes through, for {@code GET /api/health} and the cause
 * alerts.
 *
 * @param state the worst of all
 * @param mongodb null until the first store probe
 * @param kafka null while the verifier does not watch the broker
 * @param services each service the verifier watches ({@code tideway.verifier.health.services})
 * @param sources each source ingest reports (inbox, S3), as ingest's /health said last
 */
public record PipelineHealth(
    HealthState state,
    ComponentHealth mongodb,
    ComponentHealth kafka,
    List<ComponentHealth> services,
    List<SourceHealth> sources,
    Instant at) {

  /** Nothing known yet. */
  public static final PipelineHealth UNKNOWN =
      new PipelineHealth(HealthState.UP, null, null, List.of(), List.of(), null);

  /** The snapshot of these parts, its state the worst of them. */
  public static PipelineHealth of(
      ComponentHealth mongodb,
      ComponentHealth kafka,
      List<ComponentHealth> services,
      List<SourceHealth> sources,
      Instant at) {
    HealthState worst = HealthState.UP;
    for (ComponentHealth c : services) {
      worst = worst.worst(c.state());
    }
    for (SourceHealth s : sources) {
      worst = worst.worst(s.state());
    }
    worst = mongodb == null ? worst : worst.worst(mongodb.state());
    worst = kafka == null ? worst : worst.worst(kafka.state());
    return new PipelineHealth(
        worst, mongodb, kafka, List.copyOf(services), List.copyOf(sources), at);
  }

  /** The same snapshot with MongoDB as {@code store} says. */
  public PipelineHealth withStore(ComponentHealth store) {
    return of(store, kafka, services, sources, at);
  }
}
