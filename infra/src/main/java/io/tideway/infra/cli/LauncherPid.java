package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ManagedProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PID file of a {@code ./pipeline} command that owns a stack ({@code up}, {@code run}, {@code
 * check}). {@code down} stops these first: their shutdown hooks stop the children in order, and a
 * watchdog still running would otherwise restart the services {@code down} just stopped.
 */
final class LauncherPid {

  private static final String PREFIX = "pipeline-";

  /** A launcher stops Kafka, MongoDB and four services; each gets up to 20 s. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(120);

  private LauncherPid() {}

  /**
   * Writes this JVM's PID as {@code .tideway/run/pipeline-<command>.pid}, removed when the JVM
   * exits.
   */
  static void claim(Layout layout, String command) throws IOException {
    Path file = layout.pidFile(PREFIX + command);
    Files.createDirectories(file.getParent());
    Optional<ProcessHandle> other = ManagedProcess.livePidFileOwner(file);
    if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
      throw new UsageException(
          "./pipeline "
              + command
              + " is already running as PID "
              + other.get().pid()
              + "; stop it first (./pipeline down)");
    }
    Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
    file.toFile().deleteOnExit();
  }

  /**
   * Stops every live launcher and waits for each to finish its own shutdown; returns how many.
   * Their PID files are deleted.
   */
  static int stopAll(Layout layout, PrintStream err) throws IOException {
    int stopped = 0;
    for (Path file : files(layout)) {
      Optional<ProcessHandle> owner = ManagedProcess.livePidFileOwner(file);
      if (owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
        err.printf(
            "stopping %s (PID %d) and what it started...%n", file.getFileName(), owner.get().pid());
        owner.get().destroy();
        try {
          owner.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
          err.printf(
              "%s did not stop within %ds; stopping its processes directly%n",
              file.getFileName(), STOP_WAIT.toSeconds());
        }
        stopped++;
      }
      Files.deleteIfExists(file);
    }
    return stopped;
  }

  static boolean isLauncher(Path pidFile) {
    return pidFile.getFileName().toString().startsWith(PREFIX);
  }

  private static List<Path> files(Layout layout) throws IOException {
    if (!Files.isDirectory(layout.runDir())) {
      return List.of();
    }
    try (var files = Files.list(layout.runDir())) {
      return new ArrayList<>(
          files
              .filter(p -> p.toString().endsWith(".pid"))
              .filter(LauncherPid::isLauncher)
              .toList());
    }
  }
}
