package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./pipeline ack ALERT_ID [--by NAME] [--note TEXT]} against a stand-in verifier. */
class AckCommandTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer verifier;
  private int status = 200;

  @BeforeEach
  void startVerifier() throws Exception {
    verifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    verifier.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              (status == 200
                      ? "{\"id\":\"MISMATCH/f1\",\"state\":\"OPEN\",\"acknowledged_by\":\"alice\"}"
                      : "{\"error\":\"unknown alert id\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    verifier.start();
  }

  @AfterEach
  void stopVerifier() {
    verifier.stop(0);
  }

  /** {@code ./pipeline ack ARGS} against the stand-in verifier with a token. */
  private PipelineTest.Outcome ack(String... a) {
    String[] all = new String[a.length + 5];
    all[0] = "ack";
    System.arraycopy(a, 0, all, 1, a.length);
    all[a.length + 1] = "--verifier-url";
    all[a.length + 2] = "http://127.0.0.1:" + verifier.getAddress().getPort();
    all[a.length + 3] = "--token";
    all[a.length + 4] = "s3cret";
    return PipelineTest.launch(all);
  }

  @Test
  void postsTheAcknowledgementWithTheTokenNameAndNote() {
    assertThat(ack("MISMATCH/f1", "--by", "alice", "--note", "on it").code()).isZero();
    assertThat(received)
        .containsExactly(
            "POST /api/alerts/MISMATCH%2Ff1/ack Bearer s3cret {\"by\":\"alice\",\"note\":\"on it\"}");
  }

  @Test
  void anUnknownAlertIsAClearError() {
    status = 404;
    PipelineTest.Outcome out = ack("MISMATCH/nope");
    assertThat(out.code()).isEqualTo(1);
    assertThat(out.err()).contains("alert MISMATCH/nope is unknown", "/api/alerts");
  }

  @Test
  void anAlertIdIsRequired() {
    PipelineTest.Outcome out = ack();
    assertThat(out.code()).isEqualTo(2);
    assertThat(out.err()).contains("ALERT_ID");
    assertThat(received).isEmpty();
  }
}
