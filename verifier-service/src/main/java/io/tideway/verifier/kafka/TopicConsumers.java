package io.tideway.verifier.kafka;

import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Builds the verifier's group-less topic readers: committed records only, partitions assigned. */
@Singleton
public class TopicConsumers {

  private final KafkaClientFactory kafka;

  public TopicConsumers(KafkaClientFactory kafka) {
    this.kafka = kafka;
  }

  /** A new consumer of string keys and raw values; the caller assigns partitions and closes it. */
  public Consumer<String, byte[]> reader() {
    return kafka.consumer(
        Map.of(
            ConsumerConfig.CLIENT_ID_CONFIG,
            "tideway-verifier",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
