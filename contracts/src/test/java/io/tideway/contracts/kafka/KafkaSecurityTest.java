package io.tideway.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

  @Test
  void mapsSetVariablesToClientPropertiesAndSkipsBlankOnes() {
    Map<String, Object> props =
        KafkaSecurity.from(
            Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "",
                "UNRELATED", "x"));
    assertThat(props)
        .containsOnly(
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
  }

  @Test
  void nothingSetMeansPlaintextDefaults() {
    assertThat(KafkaSecurity.from(Map.of())).isEmpty();
  }
}
