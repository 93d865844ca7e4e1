package io.tideway.infra;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.LocalPorts;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.infra.stack.ServiceInstance;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import io.tideway.infra.stack.StartState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The real local stack for end-to-end tests: a KRaft broker process, the embedded
 * MongoDB-compatible server process and the four services as their own JVMs (built by the reactor
 * before this module), on free ports, with its state under {@code target/<stateName>} so that
 * several ITs never share one.
 */
final class LocalStackFixture implements AutoCloseable {

  /** Writes a file's content; {@link #drop} hands it to the inbox atomically. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path state;
  private final StackSettings settings;
  private final Stack stack;

  private LocalStackFixture(Path state, StackSettings settings, Stack stack) {
    this.state = state;
    this.settings = settings;
    this.stack = stack;
  }

  /**
   * Starts a fresh stack with an in-memory store under {@code target/<stateName>}, deleted first (a
   * test's own files, so an earlier run's leftovers never enter this one); returns once all are
   * healthy.
   */
  static LocalStackFixture start(String stateName) throws IOException, InterruptedException {
    return start(stateName, false);
  }

  /**
   * As {@link #start(String)}; with {@code onDisk} every piece of state lives in {@code
   * <state>/data} (MongoDB on disk among it), as {@code ./pipeline up --data-dir} does.
   */
  static LocalStackFixture start(String stateName, boolean onDisk)
      throws IOException, InterruptedException {
    Path state = Path.of("target", stateName).toAbsolutePath();
    deleteTree(state);
    Layout layout = new Layout(home(), state);
    return start(
        onDisk ? layout.withDataDir(state.resolve("data")) : layout,
        freeRange(2),
        freePort(),
        freeRange(4));
  }

  /**
   * As {@link #start(String)}, with settings for ingest beyond the test's environment (e.g. an S3
   * source, see {@link S3ProxyProcess#ingestEnvironment}).
   */
  static LocalStackFixture start(String stateName, Map<String, String> ingestEnvironment)
      throws IOException, InterruptedException {
    Path state = Path.of("target", stateName).toAbsolutePath();
    deleteTree(state);
    return start(
        new Layout(home(), state), freeRange(2), freePort(), freeRange(4), 1, ingestEnvironment);
  }

  /**
   * As {@link #start(String)}, with {@code replicas} processes of ingest, cleaner and loader and
   * two verifiers.
   */
  static LocalStackFixture startReplicated(String stateName, int replicas)
      throws IOException, InterruptedException {
    Path state = Path.of("target", stateName).toAbsolutePath();
    deleteTree(state);
    return start(
        new Layout(home(), state), freeRange(2), freePort(), freeReplicaBase(replicas), replicas);
  }

  /** Starts a stack on the given layout and ports, after {@link StartState#prepare}. */
  static LocalStackFixture start(Layout layout, int kafkaPort, int mongoPort, int httpBase)
      throws IOException, InterruptedException {
    return start(layout, kafkaPort, mongoPort, httpBase, 1, Map.of());
  }

  private static LocalStackFixture start(
      Layout layout, int kafkaPort, int mongoPort, int httpBase, int replicas)
      throws IOException, InterruptedException {
    return start(layout, kafkaPort, mongoPort, httpBase, replicas, Map.of());
  }

  private static LocalStackFixture start(
      Layout layout,
      int kafkaPort,
      int mongoPort,
      int httpBase,
      int replicas,
      Map<String, String> ingestEnvironment)
      throws IOException, InterruptedException {
    Path state = layout.state();
    StackSettings settings =
        new StackSettings(
            null,
            null,
            kafkaPort,
            mongoPort,
            httpBase,
            StackSettings.LOOPBACK,
            3,
            "tideway.",
            state.resolve("inbox"),
            replicas);
    StartState.prepare(layout, settings);
    Stack stack = new Stack(layout, settings).ingestEnvironment(ingestEnvironment);
    try {
      stack.start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return new LocalStackFixture(state, settings, stack);
  }

  /** The repository root, where the built modules are. */
  static Path home() {
    return Path.of("").toAbsolutePath().getParent();
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

  /**
   * Writes {@code name.part} in the inbox, then renames it atomically, so ingest never sees half a
   * file.
   */
  Path drop(String name, Content content) throws IOException {
    Path inbox = Files.createDirectories(settings.inbox());
    Path part = inbox.resolve(name + ".part");
    try (OutputStream out = Files.newOutputStream(part)) {
      content.writeTo(out);
    }
    return Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** A service's {@code /prometheus} exposition. */
  String prometheus(ServiceCatalog service) {
    String url = "http://localhost:" + service.port(settings.httpPortBase()) + "/prometheus";
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value of the first Prometheus sample whose line starts with {@code prefix}; 0 when absent.
   */
  static double metric(String exposition, String prefix) {
    return exposition
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  @Override
  public void close() {
    stack.close();
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static int freePort() {
    return LocalPorts.free();
  }

  /**
   * A port base whose four ports are free for each replica ({@link ServiceInstance#PORT_STEP}
   * apart).
   */
  static int freeReplicaBase(int replicas) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freeRange(4);
      boolean free = base + ServiceInstance.PORT_STEP * replicas + 4 <= 65535;
      for (int r = 1; r < replicas && free; r++) {
        free = rangeFree(base + ServiceInstance.PORT_STEP * r, 4);
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free ports for " + replicas + " replicas");
  }

  private static boolean rangeFree(int first, int n) {
    return LocalPorts.rangeFree(first, n);
  }

  /** The first of {@code n} consecutive free ports (the broker needs two, the services four). */
  static int freeRange(int n) {
    return LocalPorts.freeRange(n);
  }
}
