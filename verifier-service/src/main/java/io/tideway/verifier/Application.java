package io.tideway.verifier;

import io.micronaut.runtime.Micronaut;

/** Entry point of the verifier: reconciles every file end to end and serves the ops dashboard. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
