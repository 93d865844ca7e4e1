package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

  @Test
  void servicesListenOnLoopbackUnlessTidewayBindHostSaysOtherwise() {
    record Case(Map<String, String> env, String bindHost) {}
    for (Case c :
        new Case[] {
          new Case(Map.of(), "127.0.0.1"),
          new Case(Map.of("TIDEWAY_BIND_HOST", " "), "127.0.0.1"),
          new Case(Map.of("TIDEWAY_BIND_HOST", "0.0.0.0"), "0.0.0.0")
        }) {
      assertThat(StackSettings.fromEnvironment(c.env(), Path.of("inbox"), null).bindHost())
          .as(c.env().toString())
          .isEqualTo(c.bindHost());
    }
  }
}
