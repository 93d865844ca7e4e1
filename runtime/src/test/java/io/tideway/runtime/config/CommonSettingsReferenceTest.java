package io.tideway.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md lists the shared settings as the runtime module defines them, with the
 * variables every service's application.yml maps onto them (the same in each).
 */
class CommonSettingsReferenceTest {

  private static final Path HOME = Path.of("").toAbsolutePath().getParent();

  @Test
  void theReferenceShowsEverySharedSettingWithItsDefault() throws Exception {
    List<Path> ymls =
        List.of("ingest-service", "cleaner-streams", "loader-service", "verifier-service").stream()
            .map(m -> HOME.resolve(m).resolve("src/main/resources/application.yml"))
            .toList();
    List<Setting> settings =
        SettingsReference.settings(ymls, type -> type.startsWith("io.tideway.runtime."));
    assertThat(settings)
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "TIDEWAY_TOPIC_PREFIX", "MONGO_URI");
    assertThat(
            SettingsReference.check(
                HOME.resolve("docs/CONFIGURATION.md"), "common", SettingsReference.table(settings)))
        .isNull();
  }
}
