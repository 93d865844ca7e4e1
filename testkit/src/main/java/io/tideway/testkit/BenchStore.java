package io.tideway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB-wire store a benchmark writes into, fresh for each timed part: the local stack's own
 * store in its own JVM, as {@code ./pipeline up} runs it, when {@value #COMMAND_ENV} gives the
 * command that starts it (one argument per line, {@code --port N} is appended; {@code ./pipeline
 * bench} sets it); else the library's in-memory store in this JVM.
 */
public final class BenchStore implements AutoCloseable {

  /** The environment variable with the store's start command. */
  public static final String COMMAND_ENV = "TIDEWAY_BENCH_STORE_COMMAND";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final EmbeddedMongo inProcess;
  private final Process process;
  private final int port;

  private BenchStore(EmbeddedMongo inProcess, Process process, int port) {
    this.inProcess = inProcess;
    this.process = process;
    this.port = port;
  }

  /** Starts a fresh store and returns once it accepts connections. */
  public static BenchStore start() {
    String command = System.getenv(COMMAND_ENV);
    if (command == null || command.isBlank()) {
      EmbeddedMongo mongo = EmbeddedMongo.start();
      return new BenchStore(mongo, null, mongo.port());
    }
    try {
      int port = freePort();
      List<String> args = new ArrayList<>(command.strip().lines().toList());
      args.addAll(List.of("--port", Integer.toString(port)));
      Process p =
          new ProcessBuilder(args)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!accepts(port)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new IllegalStateException(
              "the benchmark's store did not start on port " + port + ": " + args);
        }
        Thread.sleep(50);
      }
      return new BenchStore(null, p, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the benchmark's store", e);
    }
  }

  /** A connection string for the MongoDB driver. */
  public String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  /** Which store {@link #start} starts, for the benchmark's report. */
  public static String description() {
    String command = System.getenv(COMMAND_ENV);
    return command == null || command.isBlank()
        ? "the library's in-memory store (in process)"
        : "the local stack's store (own JVM)";
  }

  @Override
  public void close() {
    if (inProcess != null) {
      inProcess.close();
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
