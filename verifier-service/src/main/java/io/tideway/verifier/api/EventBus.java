package io.tideway.verifier.api;

import io.micronaut.http.sse.Event;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.cycle.IntegrityOutput;
import jakarta.inject.Singleton;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans integrity events and alerts out to every open {@code /api/events} stream; slow readers miss
 * events.
 */
@Singleton
public final class EventBus implements IntegrityOutput {

  /** SSE event names: the payload is the contract JSON of the same name. */
  public static final String INTEGRITY = "integrity";

  public static final String ALERT = "alert";

  private final Sinks.Many<Event<String>> sink = Sinks.many().multicast().directBestEffort();

  @Override
  public void integrity(IntegrityEvent event) {
    sink.tryEmitNext(Event.of(Json.toJson(event)).name(INTEGRITY).id(event.fileId()));
  }

  @Override
  public void alert(Alert alert) {
    sink.tryEmitNext(Event.of(Json.toJson(alert)).name(ALERT).id(alert.id()));
  }

  /**
   * The live stream, with a heartbeat every 15s so proxies keep the connection open. The first
   * heartbeat goes out at once: without it an idle stack sent no byte, not even the headers, for 15
   * s, and the page said "connecting…" all that time.
   */
  public Flux<Event<String>> stream() {
    Flux<Event<String>> heartbeat =
        Flux.interval(Duration.ZERO, Duration.ofSeconds(15)).map(i -> Event.of("{}").name("ping"));
    return Flux.merge(sink.asFlux(), heartbeat);
  }
}
