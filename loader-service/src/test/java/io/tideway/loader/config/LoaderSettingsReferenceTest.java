package io.tideway.loader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md lists the loader's settings exactly as LoaderConfig defines them. */
class LoaderSettingsReferenceTest {

  @Test
  void theReferenceShowsEverySettingWithItsDefault() throws Exception {
    List<Setting> settings = SettingsReference.ofThisModule("io.tideway.loader.");
    assertThat(settings)
        .filteredOn(s -> s.name().equals("tideway.loader.batch-size"))
        .extracting(Setting::env, Setting::defaultValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("TIDEWAY_LOADER_BATCH_SIZE", "5000"));
    assertThat(SettingsReference.checkReference("loader-service", settings)).isNull();
  }

  @Test
  void theSharedSettingsKeepTheirDefaultsHere() throws Exception {
    assertThat(SettingsReference.ofThisModule("io.tideway.runtime."))
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "MONGO_URI", "TIDEWAY_ADMIN_TOKEN");
  }
}
