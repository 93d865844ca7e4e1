package io.tideway.runtime.kafka;

import io.tideway.contracts.kafka.KafkaSecurity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place where Tideway creates Kafka clients: every producer, consumer and admin client gets
 * the brokers and the TLS/SASL settings ({@link KafkaSecurity}) from here, so a secured cluster
 * needs configuration, never code. Callers add only what their client is for (group, transactional
 * id, isolation level).
 */
public final class KafkaClientFactory {

  private final String bootstrapServers;
  private final Map<String, Object> security;

  /** Clients of {@code bootstrapServers} with the given security properties. */
  public KafkaClientFactory(String bootstrapServers, Map<String, ?> security) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "Kafka bootstrap servers are not set: set KAFKA_BOOTSTRAP_SERVERS (host:port,...)");
    }
    this.bootstrapServers = bootstrapServers;
    this.security = Map.copyOf(security);
  }

  /** Clients of {@code bootstrapServers} secured by the process environment's KAFKA_* settings. */
  public static KafkaClientFactory fromEnvironment(String bootstrapServers) {
    return new KafkaClientFactory(bootstrapServers, KafkaSecurity.fromEnvironment());
  }

  /** The brokers every client connects to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The full client configuration: brokers, then security, then {@code clientSettings} (which may
   * repeat but not change the first two).
   */
  public Map<String, Object> config(Map<String, ?> clientSettings) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(security);
    clientSettings.forEach(
        (key, value) -> {
          if (config.containsKey(key) && !config.get(key).equals(value)) {
            throw new IllegalArgumentException(
                key + " is set by the client factory (brokers and security come from settings)");
          }
          config.put(key, value);
        });
    return config;
  }

  /** A producer with explicit serializers. */
  public <K, V> KafkaProducer<K, V> producer(
      Map<String, ?> settings, Serializer<K> keys, Serializer<V> values) {
    return new KafkaProducer<>(config(settings), keys, values);
  }

  /** A producer whose serializers are named in {@code settings}. */
  public <K, V> KafkaProducer<K, V> producer(Map<String, ?> settings) {
    return new KafkaProducer<>(config(settings));
  }

  /** A consumer with explicit deserializers. */
  public <K, V> KafkaConsumer<K, V> consumer(
      Map<String, ?> settings, Deserializer<K> keys, Deserializer<V> values) {
    return new KafkaConsumer<>(config(settings), keys, values);
  }

  /** A consumer whose deserializers are named in {@code settings}. */
  public <K, V> KafkaConsumer<K, V> consumer(Map<String, ?> settings) {
    return new KafkaConsumer<>(config(settings));
  }

  /** An admin client. */
  public Admin admin(Map<String, ?> settings) {
    return Admin.create(config(settings));
  }
}
