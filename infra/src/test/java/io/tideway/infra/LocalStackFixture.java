package io.tideway.infra;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real local stack for end-to-end tests: a KRaft broker process, the embedded MongoDB-compatible
 * server process and the four services as their own JVMs (built by the reactor before this module),
 * on free ports, with its state under {@code target/<stateName>} so that several ITs never share one.
 */
final class LocalStackFixture implements AutoCloseable {

  /** Writes a file's content; {@link #drop} hands it to the inbox atomically. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path state;
  private final StackSettings settings;
  private final Stack stack;

  private LocalStackFixture(Path state, StackSettings settings, Stack stack) {
    this.state = state;
    this.settings = settings;
    this.stack = stack;
  }

  /** Wipes the previous run's broker/cleaner/ingest state and starts a fresh stack; returns once all are healthy. */
  static LocalStackFixture start(String stateName) throws IOException, InterruptedException {
    return start(stateName, false);
  }

  /**
   * As {@link #start(String)}; with {@code onDisk} the store keeps its data in {@code <state>/mongo-data}
   * (wiped first, like the rest), as {@code ./pipeline up --data-dir} does.
   */
  static LocalStackFixture start(String stateName, boolean onDisk) throws IOException, InterruptedException {
    Path home = Path.of("").toAbsolutePath().getParent();
    Path state = Path.of("target", stateName).toAbsolutePath();
    Layout layout = new Layout(home, state);
    Stack.wipeEmbeddedState(layout);
    Path dataDir = null;
    if (onDisk) {
      dataDir = state.resolve("mongo-data");
      deleteTree(dataDir);
    }
    int httpBase = freeRange(4);
    StackSettings settings = new StackSettings(null, null, freeRange(2), freePort(), httpBase, dataDir, 3,
        "tideway.", state.resolve("inbox"));
    Stack stack = new Stack(layout, settings);
    try {
      stack.start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return new LocalStackFixture(state, settings, stack);
  }

  /** The state directory: logs, broker data, inbox; a good place for test input files too. */
  Path state() {
    return state;
  }

  StackSettings settings() {
    return settings;
  }

  Stack stack() {
    return stack;
  }

  /** Writes {@code name.part} in the inbox, then renames it atomically, so ingest never sees half a file. */
  Path drop(String name, Content content) throws IOException {
    Path inbox = Files.createDirectories(settings.inbox());
    Path part = inbox.resolve(name + ".part");
    try (OutputStream out = Files.newOutputStream(part)) {
      content.writeTo(out);
    }
    return Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    stack.close();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The first of {@code n} consecutive free ports (the broker needs two, the services four). */
  static int freeRange(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freePort();
      if (base + n > 65535) {
        continue;
      }
      boolean free = true;
      for (int p = base; p < base + n && free; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no " + n + " consecutive free ports");
  }
}
