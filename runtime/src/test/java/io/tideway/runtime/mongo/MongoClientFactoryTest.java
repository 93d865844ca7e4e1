package io.tideway.runtime.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MongoClientFactoryTest {

  @Test
  void appliesOneSetOfTimeouts() {
    MongoClientSettings s =
        MongoClientFactory.settings(
            "mongodb://db:27017",
            "tideway-test",
            new MongoClientFactory.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)));
    assertThat(s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(2000);
    assertThat(s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
    assertThat(s.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(30_000);
    assertThat(s.getServerSettings().getHeartbeatFrequency(TimeUnit.MILLISECONDS)).isEqualTo(2000);
    assertThat(s.getApplicationName()).isEqualTo("tideway-test");
  }

  @Test
  void aConnectAttemptGetsAtLeastOneSecond() {
    MongoClientSettings s =
        MongoClientFactory.settings(
            "mongodb://db:27017",
            "tideway-test",
            new MongoClientFactory.Timeouts(Duration.ofMillis(300), Duration.ofSeconds(1)));
    assertThat(s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1000);
  }

  @Test
  void refusesANonPositiveTimeout() {
    assertThatThrownBy(() -> new MongoClientFactory.Timeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server selection");
  }
}
