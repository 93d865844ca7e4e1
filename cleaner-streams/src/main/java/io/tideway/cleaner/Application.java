package io.tideway.cleaner;

import io.micronaut.runtime.Micronaut;

/** The cleaner service: Kafka Streams cleaning, validation, deduplication and per-file counters. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
