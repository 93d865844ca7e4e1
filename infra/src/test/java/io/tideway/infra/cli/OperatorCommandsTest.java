package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorCommandsTest {

  private static Args args(String... a) {
    String[] all = new String[a.length + 1];
    all[0] = "rollback";
    System.arraycopy(a, 0, all, 1, a.length);
    return new Args(all);
  }

  @Test
  void urlsDefaultToTheLocalStackAndTheTokenToTheEnvironment() {
    OperatorCommands.Target t = OperatorCommands.Target.from(args("--file", "f1"),
        Map.of("TIDEWAY_ADMIN_TOKEN", "s3cret"), 60);
    assertThat(t.loaderUrl()).isEqualTo("http://localhost:8083");
    assertThat(t.ingestUrl()).isEqualTo("http://localhost:8081");
    assertThat(t.verifierUrl()).isEqualTo("http://localhost:8080");
    assertThat(t.token()).isEqualTo("s3cret");
    assertThat(t.timeout().toSeconds()).isEqualTo(60);
  }

  @Test
  void optionsWinOverTheEnvironment() {
    OperatorCommands.Target t = OperatorCommands.Target.from(args("--file", "f1", "--token", "t2",
        "--loader-url", "http://l:1/", "--verifier-url", "http://v:2", "--timeout", "5"),
        Map.of("TIDEWAY_ADMIN_TOKEN", "s3cret", "TIDEWAY_HTTP_PORT", "9000"), 60);
    assertThat(t.loaderUrl()).isEqualTo("http://l:1");
    assertThat(t.verifierUrl()).isEqualTo("http://v:2");
    assertThat(t.ingestUrl()).isEqualTo("http://localhost:9001");
    assertThat(t.token()).isEqualTo("t2");
    assertThat(t.timeout().toSeconds()).isEqualTo(5);
  }

  @Test
  void aMissingFileIdIsAUsageError() {
    assertThatThrownBy(() -> OperatorCommands.Target.from(args(), Map.of(), 60))
        .isInstanceOf(UsageException.class).hasMessageContaining("--file");
  }

  @Test
  void withoutATokenTheCommandSaysHowToSetIt() {
    assertThatThrownBy(() -> OperatorCommands.rollback(args("--file", "f1", "--token", " "), null))
        .hasMessageContaining("TIDEWAY_ADMIN_TOKEN=... ./pipeline up");
  }

  @Test
  void aStackThatIsNotRunningIsNamedAsSuch() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://localhost:" + port;
    assertThatThrownBy(() -> OperatorCommands.rollback(
        args("--file", "f1", "--token", "t", "--loader-url", url, "--verifier-url", url), null))
        .hasMessageContaining("is ./pipeline up running?");
  }
}
