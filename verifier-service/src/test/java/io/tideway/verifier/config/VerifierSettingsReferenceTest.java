package io.tideway.verifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.testkit.settings.SettingsReference;
import io.tideway.testkit.settings.SettingsReference.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md lists the verifier's settings exactly as its settings classes define them.
 */
class VerifierSettingsReferenceTest {

  @Test
  void theReferenceShowsEverySettingWithItsDefault() throws Exception {
    List<Setting> settings = SettingsReference.ofThisModule("io.tideway.verifier.");
    assertThat(settings)
        .filteredOn(s -> s.name().equals("tideway.verifier.settle-timeout"))
        .extracting(Setting::env, Setting::defaultValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TIDEWAY_VERIFIER_SETTLE_TIMEOUT", "120s"));
    assertThat(SettingsReference.checkReference("verifier-service", settings)).isNull();
  }

  @Test
  void theSharedSettingsKeepTheirDefaultsHere() throws Exception {
    assertThat(SettingsReference.ofThisModule("io.tideway.runtime."))
        .extracting(Setting::env)
        .contains("KAFKA_BOOTSTRAP_SERVERS", "MONGO_URI", "TIDEWAY_ADMIN_TOKEN");
  }
}
