package io.tideway.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md lists ingest's settings exactly as its settings classes define them. */
class IngestSettingsReferenceTest {

  private static final Path YML = Path.of("src/main/resources/application.yml");
  private static final Path REFERENCE =
      Path.of("").toAbsolutePath().getParent().resolve("docs/CONFIGURATION.md");

  @Test
  void theReferenceShowsEverySettingWithItsDefault() throws Exception {
    List<Setting> settings =
        SettingsReference.settings(List.of(YML), type -> type.startsWith("io.tideway.ingest."));
    assertThat(settings)
        .extracting(Setting::name)
        .contains(
            "tideway.ingest.inbox", "tideway.ingest.kafka-timeout", "tideway.ingest.s3.bucket");
    assertThat(settings)
        .filteredOn(s -> s.name().equals("tideway.ingest.transaction-rows"))
        .extracting(Setting::defaultValue)
        .containsExactly("5000");
    assertThat(
            SettingsReference.check(REFERENCE, "ingest-service", SettingsReference.table(settings)))
        .isNull();
  }

  @Test
  void theSharedSettingsKeepTheirDefaultsHere() throws Exception {
    assertThat(
            SettingsReference.settings(
                List.of(YML), type -> type.startsWith("io.tideway.runtime.")))
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "TIDEWAY_TOPIC_PREFIX", "TIDEWAY_ADMIN_TOKEN");
  }
}
