package io.tideway.verifier.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tideway.contracts.payload.Alert;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  @Test
  void postsTheAlertWithASlackCompatibleText() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      WebhookNotifier notifier =
          new WebhookNotifier("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
      notifier.alert(
          new Alert(
              Alert.SCHEMA,
              "MISMATCH/f1",
              Alert.AlertType.MISMATCH,
              Alert.State.OPEN,
              Alert.Severity.CRITICAL,
              "f1",
              "file a.csv is MISMATCH",
              Instant.parse("2026-01-01T00:00:00Z")));
      Poll.until(Duration.ofSeconds(10), () -> bodies, b -> !b.isEmpty());
      assertThat(bodies.get(0))
          .contains(
              "\"text\":",
              "OPEN MISMATCH/f1: file a.csv is MISMATCH",
              "\"alert\":{",
              "\"file_id\":\"f1\"");
    } finally {
      server.stop(0);
    }
  }
}
