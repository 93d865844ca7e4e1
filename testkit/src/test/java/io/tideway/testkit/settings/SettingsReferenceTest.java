package io.tideway.testkit.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsReferenceTest {

  @TempDir Path tmp;

  @Test
  void readsTheEnvironmentVariableAndDefaultOfEveryPlaceholder() throws Exception {
    Path yml = tmp.resolve("application.yml");
    Files.write(
        yml,
        List.of(
            "micronaut:",
            "  server:",
            "    port: ${MICRONAUT_SERVER_PORT:8081}",
            "tideway:",
            "  # a comment",
            "  topic-prefix: ${TIDEWAY_TOPIC_PREFIX:tideway.}",
            "  operator:",
            "    url: ${TIDEWAY_URL:`http://localhost:8081`}",
            "    plain: 5s",
            "  mappings-dir: ${TIDEWAY_MAPPINGS_DIR:}"));
    var env = SettingsReference.environment(yml);
    assertThat(env.keySet())
        .containsExactly(
            "micronaut.server.port",
            "tideway.topic-prefix",
            "tideway.operator.url",
            "tideway.mappings-dir");
    assertThat(env.get("tideway.operator.url"))
        .containsExactly("TIDEWAY_URL", "http://localhost:8081");
    assertThat(env.get("tideway.mappings-dir")).containsExactly("TIDEWAY_MAPPINGS_DIR", "");
  }

  @Test
  void rendersDurationsInTheirLargestExactUnit() {
    assertThat(SettingsReference.render(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(SettingsReference.render(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(SettingsReference.render(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(SettingsReference.render(Duration.ZERO)).isEqualTo("0s");
    assertThat(SettingsReference.duration("120s")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void replacesOnlyTheMarkedSection() {
    String md = "a\n<!-- settings:x -->\nold\n<!-- /settings:x -->\nb\n";
    assertThat(SettingsReference.section(md, "x")).isEqualTo("old\n");
    assertThat(SettingsReference.withSection(md, "x", "new\n"))
        .isEqualTo("a\n<!-- settings:x -->\nnew\n<!-- /settings:x -->\nb\n");
    assertThat(SettingsReference.section(md, "y")).isNull();
  }
}
