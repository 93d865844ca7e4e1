package io.tideway.cleaner.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md lists the cleaner's settings exactly as its settings classes define them.
 */
class CleanerSettingsReferenceTest {

  @Test
  void theReferenceShowsEverySettingWithItsDefault() throws Exception {
    List<Setting> settings = SettingsReference.ofThisModule("io.tideway.cleaner.");
    assertThat(settings)
        .filteredOn(s -> s.name().equals("tideway.cleaner.dedup-retention"))
        .extracting(Setting::env, Setting::defaultValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TIDEWAY_CLEANER_DEDUP_RETENTION", "30d"));
    assertThat(SettingsReference.checkReference("cleaner-streams", settings)).isNull();
  }

  @Test
  void theSharedSettingsKeepTheirDefaultsHere() throws Exception {
    assertThat(SettingsReference.ofThisModule("io.tideway.runtime."))
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "TIDEWAY_TOPIC_PREFIX", "TIDEWAY_MAPPINGS_DIR");
  }
}
