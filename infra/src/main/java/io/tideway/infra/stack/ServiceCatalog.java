package io.tideway.infra.stack;

import java.util.List;

/**
 * The four Tideway services: module, main class and HTTP port offset (verifier on the base, 8080).
 */
public enum ServiceCatalog {
  VERIFIER("verifier-service", "io.tideway.verifier.Application", 0),
  INGEST("ingest-service", "io.tideway.ingest.Application", 1),
  CLEANER("cleaner-streams", "io.tideway.cleaner.Application", 2),
  LOADER("loader-service", "io.tideway.loader.Application", 3);

  private final String module;
  private final String mainClass;
  private final int portOffset;

  ServiceCatalog(String module, String mainClass, int portOffset) {
    this.module = module;
    this.mainClass = mainClass;
    this.portOffset = portOffset;
  }

  public String module() {
    return module;
  }

  public String mainClass() {
    return mainClass;
  }

  /** The service's HTTP port when the stack's ports start at {@code base}. */
  public int port(int base) {
    return base + portOffset;
  }

  public String healthUrl(int base) {
    return "http://localhost:" + port(base) + "/health";
  }

  /** Modules {@code ./pipeline} builds, the infra launcher included. */
  public static List<String> modules() {
    return List.of(
        "verifier-service", "ingest-service", "cleaner-streams", "loader-service", "infra");
  }
}
