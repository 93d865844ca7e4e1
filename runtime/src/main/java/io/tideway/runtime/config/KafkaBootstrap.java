package io.tideway.runtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/** Where the Kafka brokers are, under {@code kafka.bootstrap} (env KAFKA_BOOTSTRAP_SERVERS). */
@ConfigurationProperties(KafkaBootstrap.PREFIX)
public class KafkaBootstrap {

  /** The property prefix. */
  public static final String PREFIX = "kafka.bootstrap";

  @NotBlank private String servers = "localhost:9092";

  /** Kafka brokers, {@code host:port[,host:port...]} (env KAFKA_BOOTSTRAP_SERVERS). */
  public String getServers() {
    return servers;
  }

  public void setServers(String servers) {
    this.servers = servers;
  }
}
