package io.tideway.verifier;

import com.mongodb.client.MongoClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingRef;
import io.tideway.runtime.config.MongoConnection;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.mongo.MongoClientFactory;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.alert.AlertRules;
import io.tideway.verifier.alert.CauseAlerts;
import io.tideway.verifier.alert.WebhookNotifier;
import io.tideway.verifier.api.EventBus;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.cycle.AuditBudgets;
import io.tideway.verifier.cycle.IntegrityOutput;
import io.tideway.verifier.cycle.VerificationCycle;
import io.tideway.verifier.health.HealthMonitor;
import io.tideway.verifier.kafka.KafkaIntegrityOutput;
import io.tideway.verifier.lag.GapProbe;
import io.tideway.verifier.lag.LagMonitor;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.mongo.MongoStoredDocuments;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.store.MongoStoreMarker;
import io.tideway.verifier.store.StoreMarker;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Wires the verifier's domain objects, its announcements and its verification cycle; {@link
 * VerifierRuntime} only runs them on its threads.
 */
@Factory
public class VerifierFactory {

  /** How long a check waits for a reachable MongoDB before the file stays WAITING. */
  static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  FileLedger ledger(VerifierConfig config, MappingCatalog mappings) {
    // Resolved under the ledger's lock: a version the feed has not read yet fails this check
    // attempt at once (the next cycle tries again) instead of holding the lock while waiting.
    return new FileLedger(
        config,
        ref -> {
          MappingRef r = MappingRef.parse(ref);
          if (r.version() > 0 && !mappings.versions().has(r.name(), r.version())) {
            throw new MappingException(
                "mapping " + r.label() + " not read from the mappings topic yet");
          }
          return mappings.get(ref);
        });
  }

  @Singleton
  AlertBook alertBook() {
    return new AlertBook();
  }

  @Bean(preDestroy = "close")
  @Singleton
  MongoClient mongoClient(MongoConnection mongo, VerifierConfig config) {
    // Without a read timeout a check of a frozen (SIGSTOPped) store would wait forever.
    return MongoClientFactory.create(
        mongo.getUri(),
        "tideway-verifier",
        new MongoClientFactory.Timeouts(SERVER_SELECTION_TIMEOUT, config.getMongoTimeout()));
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
  Admin kafkaAdmin(KafkaClientFactory kafka) {
    return kafka.admin(
        Map.of(
            AdminClientConfig.CLIENT_ID_CONFIG,
            "tideway-verifier-lag",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            15_000));
  }

  @Singleton
  LagMonitor lagMonitor(Admin admin, VerifierConfig config, KafkaClientFactory kafka) {
    return new LagMonitor(
        admin,
        config.getLag().getGroups(),
        config.getLag().getWindow(),
        config.getLag().getTolerance(),
        GapProbe.consumer(kafka));
  }

  /** Integrity events and alerts on their topics, by the verifier's own idempotent producer. */
  @Singleton
  @Bean(preDestroy = "close")
  KafkaIntegrityOutput kafkaIntegrityOutput(KafkaClientFactory kafka, TidewaySettings settings) {
    return new KafkaIntegrityOutput(
        kafka.producer(
            Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                "tideway-verifier",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000),
            new StringSerializer(),
            new ByteArraySerializer()),
        settings.getTopicPrefix());
  }

  /**
   * Where the verifier announces what it found: its topics, the dashboards' live stream and, when
   * one is set, the webhook.
   */
  @Primary
  @Singleton
  IntegrityOutput integrityOutput(
      KafkaIntegrityOutput topics, EventBus bus, VerifierConfig config) {
    List<IntegrityOutput> outputs = new ArrayList<>(List.of(topics, bus));
    String webhook = config.getAlerts().getWebhookUrl();
    if (webhook != null && !webhook.isBlank()) {
      outputs.add(new WebhookNotifier(webhook));
    }
    return IntegrityOutput.fanOut(outputs);
  }

  /** The checks, audits and announcements, run by {@link VerifierRuntime}'s threads. */
  @Singleton
  VerificationCycle verificationCycle(
      FileLedger ledger,
      AlertBook alerts,
      StoredDocuments store,
      StoreMarker marker,
      IntegrityOutput output,
      Clock clock,
      LagMonitor lag,
      VerifierConfig config,
      HealthMonitor health) {
    return new VerificationCycle(
        ledger,
        new AlertRules(config.getAlerts(), alerts),
        store,
        marker,
        output,
        clock,
        lag::snapshot,
        AuditBudgets.of(config),
        health,
        new CauseAlerts(alerts));
  }
}
