package io.tideway.loader.config;

import com.mongodb.client.MongoClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.loader.consume.CleanedRecordParser;
import io.tideway.loader.write.BatchWriter;
import io.tideway.loader.write.IndexCreator;
import io.tideway.runtime.config.MongoConnection;
import io.tideway.runtime.mongo.MongoClientFactory;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The loader's object graph: its MongoDB client and the domain objects the load loop drives. */
@Factory
public class InfrastructureFactory {

  /** Long enough for a large bulk write; a frozen server is still noticed. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  @Singleton
  @Bean(preDestroy = "close")
  MongoClient mongoClient(MongoConnection mongo, LoaderConfig config) {
    // A short server selection timeout: the load loop notices an unreachable server and backs off
    // instead of hanging.
    return MongoClientFactory.create(
        mongo.getUri(),
        "tideway-loader",
        new MongoClientFactory.Timeouts(config.getServerSelectionTimeout(), READ_TIMEOUT));
  }

  @Singleton
  CleanedRecordParser cleanedRecordParser(MappingCatalog catalog) {
    return new CleanedRecordParser(catalog);
  }

  @Singleton
  BatchWriter batchWriter(MongoClient mongo, LoaderConfig config) {
    return new BatchWriter(mongo, config.getWriteModel().strategy());
  }

  @Singleton
  IndexCreator indexCreator(MongoClient mongo, MappingCatalog catalog) {
    return new IndexCreator(mongo, catalog);
  }
}
