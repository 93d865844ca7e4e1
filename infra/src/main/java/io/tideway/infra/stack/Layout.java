package io.tideway.infra.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files, all under one state directory (default {@code .tideway/}
 * in the repository): PID files, logs, broker data, cleaner state and ingest folders.
 */
public record Layout(Path home, Path state) {

  /** The layout for a repository root, honouring {@code TIDEWAY_STATE_DIR}. */
  public static Layout of(Path home) {
    String override = System.getenv("TIDEWAY_STATE_DIR");
    Path state = override == null || override.isBlank() ? home.resolve(".tideway") : Path.of(override);
    return new Layout(home.toAbsolutePath(), state.toAbsolutePath());
  }

  public Path runDir() {
    return state.resolve("run");
  }

  public Path logs() {
    return state.resolve("logs");
  }

  public Path kafka() {
    return state.resolve("kafka");
  }

  public Path cleanerState() {
    return state.resolve("state").resolve("cleaner");
  }

  public Path ingestWork() {
    return state.resolve("ingest");
  }

  public Path pidFile(String name) {
    return runDir().resolve(name + ".pid");
  }

  public Path log(String name) {
    return logs().resolve(name + ".log");
  }

  /** The runtime classpath of a module built by {@code ./pipeline} (jar + dependencies). */
  public String classpath(String module) {
    Path target = home.resolve(module).resolve("target");
    try {
      String deps = java.nio.file.Files.readString(target.resolve("classpath.txt")).trim();
      Path jar = target.resolve(module + "-0.1.0-SNAPSHOT.jar");
      return jar + java.io.File.pathSeparator + deps;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("module " + module + " is not built (missing "
          + target.resolve("classpath.txt") + "); run ./pipeline build", e);
    }
  }
}
