package io.tideway.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's HEALTHCHECK command for real: infra/docker/health/HealthProbe.java compiled as the
 * Dockerfile compiles it and run as the container runs it, against a local /health endpoint.
 */
class HealthProbeTest {

  @TempDir static Path classes;

  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void startHealthEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @BeforeAll
  static void compileProbe() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-d",
            classes.toString(),
            RepoFiles.file("infra/docker/health/HealthProbe.java").toString());
    assertThat(rc).as("HealthProbe.java compiles").isZero();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void healthyWhenHealthAnswers200() throws Exception {
    assertThat(probe(server.getAddress().getPort())).isZero();
  }

  @Test
  void unhealthyWhenHealthAnswers503() throws Exception {
    status.set(503);
    assertThat(probe(server.getAddress().getPort())).isEqualTo(1);
  }

  @Test
  void unhealthyWhenNothingListens() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThat(probe(closed)).isEqualTo(1);
  }

  @Test
  void aUrlAndARequiredTextAsTheConnectContainerUsesThem() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    assertThat(probe(1, url, "\"UP\"")).isZero();
    assertThat(probe(1, url, "RUNNING")).isEqualTo(1);
  }

  /** Runs the probe as the HEALTHCHECK does, with the same JVM flags, and returns its exit code. */
  private int probe(int port, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx16m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                classes.toString(),
                "HealthProbe"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("probe finished").isTrue();
    return p.exitValue();
  }
}
