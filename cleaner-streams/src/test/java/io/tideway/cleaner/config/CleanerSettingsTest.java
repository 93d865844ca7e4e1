package io.tideway.cleaner.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.runtime.config.TidewaySettings;
import org.junit.jupiter.api.Test;

/**
 * The cleaner's topic prefix is the shared {@code tideway.topic-prefix} (ApplicationIT and
 * RestartIT run the container with it set).
 */
class CleanerSettingsTest {

  @Test
  void theContainerHandsTheSharedPrefixIn() {
    TidewaySettings shared = new TidewaySettings();
    shared.setTopicPrefix("shared.");
    assertThat(new CleanerSettings(shared).getTopicPrefix()).isEqualTo("shared.");
  }

  @Test
  void withoutTheContainerTheSharedDefaultApplies() {
    assertThat(new CleanerSettings().getTopicPrefix())
        .isEqualTo(new TidewaySettings().getTopicPrefix());
    assertThat(new CleanerSettings().withTopicPrefix("t.").getTopicPrefix()).isEqualTo("t.");
  }
}
