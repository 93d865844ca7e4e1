package io.tideway.infra.stack;

import java.util.List;

/** The four Tideway services: module, main class and HTTP port of each. */
public enum ServiceCatalog {
  VERIFIER("verifier-service", "io.tideway.verifier.Application", 8080),
  INGEST("ingest-service", "io.tideway.ingest.Application", 8081),
  CLEANER("cleaner-streams", "io.tideway.cleaner.Application", 8082),
  LOADER("loader-service", "io.tideway.loader.Application", 8083);

  private final String module;
  private final String mainClass;
  private final int port;

  ServiceCatalog(String module, String mainClass, int port) {
    this.module = module;
    this.mainClass = mainClass;
    this.port = port;
  }

  public String module() {
    return module;
  }

  public String mainClass() {
    return mainClass;
  }

  public int port() {
    return port;
  }

  public String healthUrl() {
    return "http://localhost:" + port + "/health";
  }

  /** Modules {@code ./pipeline} builds, the infra launcher included. */
  public static List<String> modules() {
    return List.of("verifier-service", "ingest-service", "cleaner-streams", "loader-service", "infra");
  }
}
