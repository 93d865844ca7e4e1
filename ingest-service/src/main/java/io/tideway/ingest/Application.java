package io.tideway.ingest;

import io.micronaut.runtime.Micronaut;

/** Entry point of the ingest service: watches the inbox and streams every row to Kafka. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
