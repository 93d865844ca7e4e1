package io.tideway.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.tideway.contracts.json.Json;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's JSON mapper the payload conventions of {@link Json} (snake_case, ISO-8601
 * instants, nulls left out): an HTTP body a controller returns as an object reads like the same
 * object on a topic, with one definition of both.
 */
@Singleton
public class HttpJson implements BeanCreatedEventListener<ObjectMapper> {

  @Override
  public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
    // Health details may hold library objects without properties (Kafka Streams' TaskId): written
    // as {} instead of failing the whole /health answer with HTTP 500.
    return Json.configure(event.getBean()).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
