package io.tideway.runtime;

import io.micronaut.context.annotation.Factory;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.runtime.config.KafkaBootstrap;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;

/** The beans every service shares: its Kafka client factory and its mapping catalogue. */
@Factory
public class RuntimeFactory {

  /** The service's only source of Kafka clients, secured from the environment. */
  @Singleton
  KafkaClientFactory kafkaClientFactory(KafkaBootstrap kafka) {
    return KafkaClientFactory.fromEnvironment(kafka.getServers());
  }

  /** The built-in mappings plus those of {@code tideway.mappings-dir}, loaded once. */
  @Singleton
  MappingCatalog mappingCatalog(TidewaySettings settings) {
    return MappingCatalog.load(settings.mappingsPath());
  }
}
