package io.tideway.verifier;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tideway.contracts.kafka.KafkaSecurity;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lag.LagMonitor;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.mongo.MongoStoredDocuments;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.store.MongoStoreMarker;
import io.tideway.verifier.store.StoreMarker;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Wires the verifier's domain objects; the Kafka clients live in {@link VerifierRuntime}. */
@Factory
public class VerifierFactory {

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  MappingCatalog mappings(@Value("${tideway.mappings-dir:}") String dir) {
    return MappingCatalog.load(MappingCatalog.dirs(dir));
  }

  @Singleton
  FileLedger ledger(VerifierConfig config, MappingCatalog mappings) {
    return new FileLedger(config, mappings::get);
  }

  @Singleton
  AlertBook alertBook() {
    return new AlertBook();
  }

  @Bean(preDestroy = "close")
  @Singleton
  MongoClient mongoClient(
      @Value("${tideway.mongo.uri:mongodb://localhost:27017}") String uri, VerifierConfig config) {
    MongoClientSettings settings =
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
            // Without a read timeout a check of a frozen (SIGSTOPped) store would wait forever.
            .applyToSocketSettings(
                b ->
                    b.readTimeout((int) config.getMongoTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .applicationName("tideway-verifier")
            .build();
    return MongoClients.create(settings);
  }

  @Singleton
  StoredDocuments storedDocuments(MongoClient client) {
    return new MongoStoredDocuments(client);
  }

  @Singleton
  StoreMarker storeMarker(MongoClient client, MappingCatalog mappings, VerifierConfig config) {
    String database = mappings.get(MappingCatalog.DEFAULT_MAPPING).target().database();
    return new MongoStoreMarker(client, database, config.getStoreProbeTimeout());
  }

  @Bean(preDestroy = "close")
  @Singleton
  Admin kafkaAdmin(@Value("${kafka.bootstrap.servers:localhost:9092}") String bootstrap) {
    return Admin.create(
        KafkaSecurity.secured(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "tideway-verifier-lag",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000)));
  }

  @Singleton
  LagMonitor lagMonitor(Admin admin, VerifierConfig config) {
    return new LagMonitor(
        admin,
        config.getLag().getGroups(),
        config.getLag().getWindow(),
        config.getLag().getTolerance());
  }
}
