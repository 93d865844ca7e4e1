package io.tideway.loader.support;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tideway.loader.config.LoaderConfig;
import io.tideway.loader.consume.KafkaClients;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The loader's Kafka clients with polls of {@code test.max-poll-records}: a poll then brings more
 * than a batch, as one does whenever records arrive between batches, and the rest waits behind the
 * batch being written.
 */
@Singleton
@Replaces(KafkaClients.class)
@Requires(property = "test.max-poll-records")
public class WidePollKafkaClients extends KafkaClients {

  private final int maxPollRecords;

  public WidePollKafkaClients(
      KafkaClientFactory kafka,
      LoaderConfig config,
      @Property(name = "test.max-poll-records") int maxPollRecords) {
    super(kafka, config);
    this.maxPollRecords = maxPollRecords;
  }

  @Override
  protected Map<String, Object> consumerSettings() {
    Map<String, Object> p = super.consumerSettings();
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    return p;
  }
}
