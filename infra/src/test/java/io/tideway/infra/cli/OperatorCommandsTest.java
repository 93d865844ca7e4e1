package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OperatorCommandsTest {

  private static RollbackCommand rollback(String... a) {
    String[] all = new String[a.length + 1];
    all[0] = "rollback";
    System.arraycopy(a, 0, all, 1, a.length);
    return Parsed.command(RollbackCommand.class, all);
  }

  @Test
  void urlsDefaultToTheLocalStackAndTheTokenToTheEnvironment() {
    OperatorCommands.Target t =
        rollback("--file", "f1").target(Map.of("TIDEWAY_ADMIN_TOKEN", "s3cret"));
    assertThat(t.ingestUrl()).isEqualTo("http://localhost:8081");
    assertThat(t.verifierUrl()).isEqualTo("http://localhost:8080");
    assertThat(t.token()).isEqualTo("s3cret");
    assertThat(t.timeout().toSeconds()).isEqualTo(60);
  }

  @Test
  void optionsWinOverTheEnvironment() {
    OperatorCommands.Target t =
        Parsed.command(
                ReplayCommand.class,
                "replay",
                "--file",
                "f1",
                "--token",
                "t2",
                "--ingest-url",
                "http://i:1/",
                "--verifier-url",
                "http://v:2",
                "--timeout",
                "5")
            .target(Map.of("TIDEWAY_ADMIN_TOKEN", "s3cret", "TIDEWAY_HTTP_PORT", "9000"));
    assertThat(t.ingestUrl()).isEqualTo("http://i:1");
    assertThat(t.verifierUrl()).isEqualTo("http://v:2");
    assertThat(t.token()).isEqualTo("t2");
    assertThat(t.timeout().toSeconds()).isEqualTo(5);
  }

  @Test
  void theTimeoutDefaultsDifferPerCommandAndTheIngestFollowsTheVerifiersPort() {
    OperatorCommands.Target replay =
        Parsed.command(ReplayCommand.class, "replay", "--file", "f1")
            .target(Map.of("TIDEWAY_HTTP_PORT", "9000"));
    assertThat(replay.timeout().toSeconds()).isEqualTo(600);
    assertThat(replay.ingestUrl()).isEqualTo("http://localhost:9001");
    assertThat(replay.verifierUrl()).isEqualTo("http://localhost:9000");
    assertThat(replay.token()).isNull();
  }

  @Test
  void aBlankFileIdIsAUsageError() {
    assertThatThrownBy(() -> rollback("--file", " ").target(Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--file");
  }

  @Test
  void withoutATokenTheCommandSaysHowToSetIt() {
    assertThatThrownBy(
            () ->
                OperatorCommands.rollback(
                    rollback("--file", "f1", "--token", " ").target(Map.of())))
        .hasMessageContaining("TIDEWAY_ADMIN_TOKEN=... ./pipeline up");
  }

  @Test
  void aStackThatIsNotRunningIsNamedAsSuch() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://localhost:" + port;
    assertThatThrownBy(
            () ->
                OperatorCommands.rollback(
                    rollback("--file", "f1", "--token", "t", "--verifier-url", url)
                        .target(Map.of())))
        .hasMessageContaining("is ./pipeline up running?");
  }

  @Test
  void rollbackGoesThroughTheVerifierAndShowsItsRefusal() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer verifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    verifier.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "{\"error\":\"file f1 cannot be rolled back: 1 live file(s) counted rows as duplicates\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(409, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    verifier.start();
    try {
      String url = "http://127.0.0.1:" + verifier.getAddress().getPort();
      assertThatThrownBy(
              () ->
                  OperatorCommands.rollback(
                      rollback("--file", "f1", "--token", "t", "--verifier-url", url)
                          .target(Map.of())))
          .hasMessage("file f1 cannot be rolled back: 1 live file(s) counted rows as duplicates");
      assertThat(received).containsExactly("POST /api/files/f1/rollback Bearer t");
    } finally {
      verifier.stop(0);
    }
  }

  @Test
  void rejectsPagesThroughTheVerifierAndPrintsOneLinePerField() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer verifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    verifier.createContext(
        "/",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          asked.add(exchange.getRequestURI().getPath() + "?" + query);
          String body =
              query.contains("format=csv")
                  ? "row,line,stage,field,value,rule,reason\n3,4,cleaner,age,x,type,not a number\n"
                  : query.contains("page=1") ? page(1001, 1, 1000) : page(1001, 1001, 1);
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    verifier.start();
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      String url = "http://127.0.0.1:" + verifier.getAddress().getPort();
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(rejects("rejects", "f1", "--verifier-url", url).call()).isZero();
      List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).hasSize(1001);
      assertThat(lines.get(0)).isEqualTo("row 1 (line 2) age = 'x1': not a number");
      assertThat(lines.get(1000)).isEqualTo("row 1001 (line 1002) age = 'x1001': not a number");
      assertThat(asked)
          .containsExactly(
              "/api/files/f1/rejects?size=1000&page=1", "/api/files/f1/rejects?size=1000&page=2");

      printed.reset();
      rejects("rejects", "f1", "--csv", "--verifier-url", url).call();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "row,line,stage,field,value,rule,reason\n3,4,cleaner,age,x,type,not a number\n");
    } finally {
      System.setOut(stdout);
      verifier.stop(0);
    }
  }

  private static String page(long total, long from, int count) {
    StringBuilder items = new StringBuilder();
    for (long row = from; row < from + count; row++) {
      items
          .append(items.length() == 0 ? "" : ",")
          .append(
              "{\"row\":%d,\"line\":%d,\"field\":\"age\",\"value\":\"x%d\",\"reason\":\"not a number\"}"
                  .formatted(row, row + 1, row));
    }
    return "{\"total\":" + total + ",\"items\":[" + items + "]}";
  }

  private static RejectsCommand rejects(String... all) {
    return Parsed.command(RejectsCommand.class, all);
  }
}
