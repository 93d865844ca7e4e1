package io.tideway.infra.chaos;

/**
 * A process of the local stack a fault hits, by the name of its PID file, and the stage whose
 * progress times it.
 */
public enum Target {
  INGEST("ingest-service", Stage.READ),
  CLEANER("cleaner-streams", Stage.CLEANED),
  LOADER("loader-service", Stage.LOADED),
  VERIFIER("verifier-service", null),
  BROKER("kafka", null),
  STORE("mongo", Stage.LOADED);

  private final String processName;
  private final Stage stage;

  Target(String processName, Stage stage) {
    this.processName = processName;
    this.stage = stage;
  }

  /** The name of the process's PID file and log in the stack's layout. */
  public String processName() {
    return processName;
  }

  /** The stage whose progress times a fault on this target, or null when any stage will do. */
  Stage stage() {
    return stage;
  }
}
