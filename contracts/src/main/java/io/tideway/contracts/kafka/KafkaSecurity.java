package io.tideway.contracts.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka client security (TLS, SASL) from the environment, applied to every client of every service,
 * so a secured cluster needs configuration, not code. Empty variables mean "not set".
 */
public final class KafkaSecurity {

  /** Environment variable to Kafka client property. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "KAFKA_SECURITY_PROTOCOL", "security.protocol",
          "KAFKA_SASL_MECHANISM", "sasl.mechanism",
          "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config",
          "KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location",
          "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password",
          "KAFKA_SSL_KEYSTORE_LOCATION", "ssl.keystore.location",
          "KAFKA_SSL_KEYSTORE_PASSWORD", "ssl.keystore.password",
          "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "ssl.endpoint.identification.algorithm");

  private KafkaSecurity() {}

  /** The client properties set by the process environment. */
  public static Map<String, Object> fromEnvironment() {
    return from(System.getenv());
  }

  /** A copy of {@code clientConfig} with the environment's security settings added. */
  public static Map<String, Object> secured(Map<String, Object> clientConfig) {
    Map<String, Object> props = new LinkedHashMap<>(clientConfig);
    props.putAll(fromEnvironment());
    return props;
  }

  /** The client properties set by {@code env}; variables that are absent or blank are skipped. */
  public static Map<String, Object> from(Map<String, String> env) {
    Map<String, Object> props = new LinkedHashMap<>();
    VARIABLES.forEach(
        (variable, property) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            props.put(property, value);
          }
        });
    return props;
  }
}
