package io.tideway.loader;

import io.micronaut.runtime.Micronaut;

/**
 * The loader service: cleaned documents from Kafka into MongoDB, with exactly-once load receipts.
 */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
