package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.contracts.kafka.KafkaSecurity;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The cleaner's Kafka Streams get the brokers and TLS/SASL settings from the service's {@link
 * KafkaClientFactory}, and Kafka Streams hands them on to every client it creates.
 */
class StreamsSecurityTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";

  private static final Map<String, Object> SECURED =
      Map.of(
          "bootstrap.servers", "broker:9093",
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", "PLAIN",
          "sasl.jaas.config", JAAS,
          "ssl.truststore.location", "/etc/kafka/truststore.p12");

  private final KafkaClientFactory kafka =
      new KafkaClientFactory(
          "broker:9093",
          KafkaSecurity.from(
              Map.of(
                  "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                  "KAFKA_SASL_MECHANISM", "PLAIN",
                  "KAFKA_SASL_JAAS_CONFIG", JAAS,
                  "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12")));

  @Test
  void theStreamsConfigCarriesTheFactorysBrokersAndSecurity() {
    Properties p = CleanerTopology.streamsConfig(new CleanerSettings(), kafka);
    assertThat(p).containsAllEntriesOf(SECURED);
    assertThat(p).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
  }

  @Test
  void everyClientKafkaStreamsCreatesIsSecured() {
    StreamsConfig config =
        new StreamsConfig(CleanerTopology.streamsConfig(new CleanerSettings(), kafka));
    assertThat(config.getProducerConfigs("p")).containsAllEntriesOf(SECURED);
    assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsAllEntriesOf(SECURED);
    assertThat(config.getRestoreConsumerConfigs("r")).containsAllEntriesOf(SECURED);
    assertThat(config.getAdminConfigs("a")).containsAllEntriesOf(SECURED);
  }

  @Test
  void anUnsecuredFactoryAddsNoSecuritySettings() {
    Properties p =
        CleanerTopology.streamsConfig(
            new CleanerSettings(), new KafkaClientFactory("localhost:9092", Map.of()));
    assertThat(p).containsEntry("bootstrap.servers", "localhost:9092");
    assertThat(p.stringPropertyNames())
        .noneMatch(k -> k.startsWith("sasl.") || k.startsWith("ssl."));
    assertThat(p).doesNotContainKey("security.protocol");
  }
}
