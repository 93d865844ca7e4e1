package io.tideway.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.kafka.KafkaSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientFactoryTest {

  private final KafkaClientFactory factory =
      new KafkaClientFactory(
          "broker:9093",
          KafkaSecurity.from(
              Map.of(
                  "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                  "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "")));

  @Test
  void everyClientGetsTheBrokersTheSecurityAndItsOwnSettings() {
    assertThat(factory.config(Map.of("group.id", "g")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "group.id", "g"));
  }

  @Test
  void aClientCannotOverrideTheBrokersOrTheSecurity() {
    assertThatThrownBy(() -> factory.config(Map.of("security.protocol", "PLAINTEXT")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.protocol");
    assertThatThrownBy(() -> factory.config(Map.of("bootstrap.servers", "elsewhere:9092")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(factory.config(Map.of("bootstrap.servers", "broker:9093")))
        .containsEntry("bootstrap.servers", "broker:9093");
  }

  @Test
  void missingBrokersAreNamedWithTheVariableToSet() {
    assertThatThrownBy(() -> new KafkaClientFactory(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }
}
