package io.tideway.loader.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tideway.contracts.mapping.MappingCatalog;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** The MongoDB client and the mapping catalogue. */
@Factory
public class InfrastructureFactory {

  @Singleton
  @Bean(preDestroy = "close")
  MongoClient mongoClient(@Value("${tideway.mongo.uri}") String uri, LoaderConfig config) {
    long selection = config.getServerSelectionTimeout().toMillis();
    MongoClientSettings settings =
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            // Short timeouts so the load loop notices an unreachable server and backs off instead
            // of hanging.
            .applyToClusterSettings(b -> b.serverSelectionTimeout(selection, TimeUnit.MILLISECONDS))
            .applyToSocketSettings(
                b ->
                    b.connectTimeout((int) Math.max(selection, 1000), TimeUnit.MILLISECONDS)
                        .readTimeout(60, TimeUnit.SECONDS))
            .applyToServerSettings(
                b ->
                    b.heartbeatFrequency(2, TimeUnit.SECONDS)
                        .minHeartbeatFrequency(200, TimeUnit.MILLISECONDS))
            .build();
    return MongoClients.create(settings);
  }

  @Singleton
  MappingCatalog mappingCatalog(@Value("${tideway.mappings-dir:}") String dir) {
    return MappingCatalog.load(MappingCatalog.dirs(dir));
  }
}
