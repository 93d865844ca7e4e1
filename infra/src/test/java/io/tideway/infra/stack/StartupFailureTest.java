package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reason the CLI prints for a process that died during start-up, from its log's last lines. */
class StartupFailureTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "io.micronaut.context.exceptions.BeanInstantiationException: Error instantiating bean"
            + "~Caused by: io.tideway.contracts.mapping.MappingException: /m/x.yaml:6: unknown type 'decmal'"
            + " (known: string, int)~\tat io.tideway.X.y(X.java:1)"
            + " | mapping problem: /m/x.yaml:6: unknown type 'decmal' (known: string, int)",
        "Caused by: java.net.BindException: Address already in use"
            + " | a port it needs is in use (Caused by: java.net.BindException: Address already in use)",
        "10:00:00.000 ERROR [main] i.m.r.Micronaut - Error starting Micronaut server: boom~"
            + "Caused by: java.lang.IllegalStateException: disk full~Caused by: java.io.IOException: no space"
            + " | IOException: no space",
        "10:00:00.000 ERROR [main] i.t.X - cannot open the state dir | cannot open the state dir",
        "all fine here | ",
      })
  void findsTheReason(String log, String reason) {
    String got = StartupFailure.reason(List.of(log.split("~")));
    if (reason == null) {
      assertThat(got).isNull();
    } else {
      assertThat(got).startsWith(reason);
    }
  }
}
