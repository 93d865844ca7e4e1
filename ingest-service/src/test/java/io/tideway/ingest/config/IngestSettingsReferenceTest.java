package io.tideway.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md lists ingest's settings exactly as its settings classes define them. */
class IngestSettingsReferenceTest {

  @Test
  void theReferenceShowsEverySettingWithItsDefault() throws Exception {
    List<Setting> settings = SettingsReference.ofThisModule("io.tideway.ingest.");
    assertThat(settings)
        .extracting(Setting::name)
        .contains(
            "tideway.ingest.inbox", "tideway.ingest.kafka-timeout", "tideway.ingest.s3.bucket");
    assertThat(settings)
        .filteredOn(s -> s.name().equals("tideway.ingest.transaction-rows"))
        .extracting(Setting::defaultValue)
        .containsExactly("5000");
    assertThat(SettingsReference.checkReference("ingest-service", settings)).isNull();
  }

  @Test
  void theSharedSettingsKeepTheirDefaultsHere() throws Exception {
    assertThat(SettingsReference.ofThisModule("io.tideway.runtime."))
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "TIDEWAY_TOPIC_PREFIX", "TIDEWAY_ADMIN_TOKEN");
  }
}
