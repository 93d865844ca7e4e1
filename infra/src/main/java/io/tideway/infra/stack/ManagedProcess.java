package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the stack: started with its PID in {@code .tideway/run/<name>.pid} and its
 * output appended to {@code .tideway/logs/<name>.log}; stopped with SIGTERM, then SIGKILL.
 */
public final class ManagedProcess {

  /**
   * Runs the child in a session of its own, so a Ctrl-C on the launcher's terminal reaches the
   * launcher only, which then stops services, Kafka and MongoDB in order. The child of a JVM is
   * never a process group leader, so setsid(1) calls setsid(2) and execs without forking: the PID
   * stays the JVM's own.
   */
  static final Path SETSID = Path.of("/usr/bin/setsid");

  /**
   * The class metadata a collection is first triggered at. Micronaut, Kafka and the driver load
   * 35-60 MB of it, which crossed the JVM's first threshold (about 21 MB) two or three times in
   * each process's start-up, each crossing a full collection (13 of them, 1.6 s of pauses, for a
   * stack); this only moves the trigger, the space is still taken as used.
   */
  static final String METASPACE = "-XX:MetaspaceSize=128m";

  /** Decided once per launcher: {@link StackSettings#hugePages(java.util.Map, String)}. */
  private static final boolean HUGE_PAGES = StackSettings.hugePages();

  private final ProcessSpec spec;
  private final Layout layout;
  private final ClassDataArchive archive;
  private volatile Process process;
  private volatile boolean dumpsArchive;
  private int restarts;

  public ManagedProcess(ProcessSpec spec, Layout layout) {
    this.spec = spec;
    this.layout = layout;
    this.archive = ClassDataArchive.of(layout);
  }

  /**
   * The options of every JVM the launcher starts, services, stores and benchmarks alike: heap, the
   * serial collector (seven JVMs share two cores), class metadata, and huge pages where granted.
   */
  public static List<String> baseOptions(String heap) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC", METASPACE));
    if (HUGE_PAGES) {
      options.add("-XX:+UseTransparentHugePages");
    }
    return options;
  }

  public String name() {
    return spec.name();
  }

  public ProcessSpec spec() {
    return spec;
  }

  /**
   * Starts the JVM; refuses when the PID file names a live process (two of one kind corrupt state).
   */
  public synchronized void start() throws IOException {
    Optional<ProcessHandle> running = livePidFileOwner(layout.pidFile(spec.name()));
    if (running.isPresent() && (process == null || running.get().pid() != process.pid())) {
      throw new IllegalStateException(
          spec.name()
              + " is already running as PID "
              + running.get().pid()
              + " ("
              + layout.pidFile(spec.name())
              + "); stop it first (./pipeline down)");
    }
    Files.createDirectories(layout.runDir());
    Files.createDirectories(layout.logs());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    List<String> cds = archive.options(spec);
    dumpsArchive = ClassDataArchive.dumps(cds);
    command.addAll(spec.javaCommand(cds));
    ProcessBuilder pb = new ProcessBuilder(command).directory(layout.home().toFile());
    pb.environment().putAll(spec.env());
    pb.environment().put("TIDEWAY_SERVICE", spec.name());
    Path log = layout.log(spec.name());
    Files.writeString(
        log,
        "---- " + Instant.now() + " starting " + spec.name() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    Files.writeString(layout.pidFile(spec.name()), Long.toString(process.pid()));
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Exit code of a dead process, or -1 while it runs or before it started. */
  public int exitCode() {
    Process p = process;
    return p == null || p.isAlive() ? -1 : p.exitValue();
  }

  public synchronized int restart() throws IOException {
    restarts++;
    start();
    return restarts;
  }

  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  /** CPU time the live process has used so far (user + system), zero when it is not running. */
  public Duration cpuTime() {
    Process p = process;
    return p == null ? Duration.ZERO : p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * SIGTERM, wait for a graceful exit (the service finishes or hands back its batch), then SIGKILL.
   */
  public synchronized void stop(long graceSeconds) {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      boolean graceful = false;
      try {
        // Writing the class-data archive at exit takes a while: do not cut it short.
        long grace =
            dumpsArchive
                ? Math.max(graceSeconds, ClassDataArchive.DUMP_GRACE_SECONDS)
                : graceSeconds;
        graceful = p.waitFor(grace, TimeUnit.SECONDS);
        if (!graceful) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      archive.exited(spec, graceful);
    }
    try {
      Files.deleteIfExists(layout.pidFile(spec.name()));
    } catch (IOException ignored) {
      // A stale PID file is harmless: start() checks whether its process is alive.
    }
  }

  /** The live process named by a PID file, if any. */
  public static Optional<ProcessHandle> livePidFileOwner(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
