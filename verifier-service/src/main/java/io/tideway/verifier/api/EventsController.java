package io.tideway.verifier.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/events}: Server-Sent Events named {@code integrity} and {@code alert}, JSON data.
 */
@Controller("/api/events")
public class EventsController {

  private final EventBus bus;

  public EventsController(EventBus bus) {
    this.bus = bus;
  }

  @Get(produces = MediaType.TEXT_EVENT_STREAM)
  public Publisher<Event<String>> events() {
    return bus.stream();
  }
}
