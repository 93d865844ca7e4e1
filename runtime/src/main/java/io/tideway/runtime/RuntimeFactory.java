package io.tideway.runtime;

import io.micronaut.context.annotation.Factory;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.runtime.config.KafkaBootstrap;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The beans every service shares: its Kafka client factory and its mapping catalogue. */
@Factory
public class RuntimeFactory {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeFactory.class);

  /** The service's only source of Kafka clients, secured from the environment. */
  @Singleton
  KafkaClientFactory kafkaClientFactory(KafkaBootstrap kafka) {
    return KafkaClientFactory.fromEnvironment(kafka.getServers());
  }

  /**
   * The built-in mappings plus those of {@code tideway.mappings-dir}, loaded once; an invalid
   * mapping file fails the start with its name and line.
   */
  @Singleton
  MappingCatalog mappingCatalog(TidewaySettings settings) {
    MappingCatalog catalog = MappingCatalog.load(settings.mappingsPaths());
    LOG.info("mappings loaded: {}", catalog.all().stream().map(m -> m.name()).toList());
    return catalog;
  }
}
