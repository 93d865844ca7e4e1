package io.tideway.loader.consume;

import io.tideway.loader.config.LoaderConfig;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates the loader's plain Kafka clients: a manual-commit consumer and a transactional producer.
 */
@Singleton
public class KafkaClients {

  private final KafkaClientFactory kafka;
  private final LoaderConfig config;

  public KafkaClients(KafkaClientFactory kafka, LoaderConfig config) {
    this.kafka = kafka;
    this.config = config;
  }

  public Consumer<String, byte[]> consumer() {
    return kafka.consumer(consumerSettings());
  }

  /** The consumer's own settings (brokers and security come from the factory). */
  protected Map<String, Object> consumerSettings() {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.getGroupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.getInstanceId() + "-consumer");
    // Only documents of committed cleaner transactions; offsets move only with our receipts.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(config.getBatchSize(), 5000));
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.getSessionTimeout().toMillis());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }

  public Producer<String, byte[]> producer() {
    return kafka.producer(producerSettings());
  }

  /** The transactional producer's own settings (brokers and security come from the factory). */
  protected Map<String, Object> producerSettings() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.getInstanceId() + "-producer");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.getInstanceId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }
}
