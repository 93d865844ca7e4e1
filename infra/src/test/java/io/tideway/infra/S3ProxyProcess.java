package io.tideway.infra;

import io.tideway.infra.chaos.Signals;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible endpoint as its own process: S3Proxy over a filesystem blob store in {@code
 * dir/blobs}, so that it can be killed with {@code kill -9} or frozen with SIGSTOP, and started
 * again on the same port and storage, which then still holds every object.
 */
final class S3ProxyProcess implements AutoCloseable {

  static final String ACCESS_KEY = "tideway-it";
  static final String SECRET_KEY = "tideway-it-secret";

  private final Path dir;
  private final int port;
  private Process process;

  private S3ProxyProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts S3Proxy on a free port with its storage under {@code dir} (deleted first). */
  static S3ProxyProcess start(Path dir) throws IOException {
    LocalStackFixture.deleteTree(dir);
    Files.createDirectories(dir.resolve("blobs"));
    S3ProxyProcess s3 = new S3ProxyProcess(dir, LocalStackFixture.freePort());
    Files.writeString(
        s3.config(),
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + s3.port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + dir.resolve("blobs"),
            ""));
    s3.restart();
    return s3;
  }

  /**
   * Starts the process again (after a kill) on the same port and storage; returns once it answers.
   */
  void restart() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.gaul.s3proxy.Main",
                "--properties",
                config().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
            .start();
    Poll.until(
        Duration.ofSeconds(90),
        "S3Proxy listening on port " + port + " (log " + dir.resolve("s3proxy.log") + ")",
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "S3Proxy exited with "
                    + process.exitValue()
                    + ", see "
                    + dir.resolve("s3proxy.log"));
          }
          return listening();
        });
  }

  /** {@code kill -9}: the port refuses connections until {@link #restart}. */
  void kill9() throws InterruptedException {
    Signals.kill9(process.pid());
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the port still accepts connections, nothing answers. */
  void freeze() throws IOException, InterruptedException {
    Signals.stop(process.pid());
  }

  /** SIGCONT. */
  void thaw() throws IOException, InterruptedException {
    Signals.resume(process.pid());
  }

  long pid() {
    return process.pid();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * What points ingest's S3 source at this endpoint: the settings {@code ./pipeline up} would pass
   * on from its environment, with the default poll interval and request timeout (10 s each).
   */
  Map<String, String> ingestEnvironment(String bucket, String prefix) {
    return Map.of(
        "TIDEWAY_S3_ENABLED", "true",
        "TIDEWAY_S3_BUCKET", bucket,
        "TIDEWAY_S3_PREFIX", prefix,
        "TIDEWAY_S3_ENDPOINT", endpoint(),
        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  /**
   * Puts an object into the storage this endpoint serves, written as S3Proxy itself writes it (the
   * same jclouds filesystem store): works while the process is down or frozen, as another writer of
   * the bucket would.
   */
  void put(String bucket, String key, Path content) {
    Properties overrides = new Properties();
    overrides.setProperty("jclouds.filesystem.basedir", dir.resolve("blobs").toString());
    try (BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .overrides(overrides)
            .buildView(BlobStoreContext.class)) {
      BlobStore store = context.getBlobStore();
      store.createContainerInLocation(null, bucket);
      store.putBlob(bucket, store.blobBuilder(key).payload(content.toFile()).build());
    }
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Path config() {
    return dir.resolve("s3proxy.conf");
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      try {
        Signals.resume(process.pid()); // a frozen process does not act on SIGTERM
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }
}
