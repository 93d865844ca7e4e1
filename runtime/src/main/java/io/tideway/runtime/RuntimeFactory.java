package io.tideway.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.runtime.config.KafkaBootstrap;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.mapping.MappingFeed;
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
   * The built-in mappings plus those of {@code tideway.mappings-dir}, loaded once (an invalid
   * mapping file fails the start with its name and line), then kept up to date with every version
   * on the mappings topic by a {@link MappingFeed} (closed with the context).
   */
  @Singleton
  @Bean(preDestroy = "close")
  MappingCatalog mappingCatalog(TidewaySettings settings, KafkaClientFactory kafka) {
    MappingCatalog catalog = MappingCatalog.load(settings.mappingsPaths());
    catalog.setMappingWait(settings.getMappingWait());
    LOG.info("mappings loaded: {}", catalog.all().stream().map(m -> m.name()).toList());
    if (settings.isMappingsFeed()) {
      // Versions come from the mappings topic from here on; the feed lives as long as the catalog.
      new MappingFeed(kafka, settings.getTopicPrefix(), catalog).start();
    }
    return catalog;
  }
}
