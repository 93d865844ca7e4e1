package io.tideway.contracts.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} that is its own serializer and deserializer, with nothing to configure or
 * close: the one place for the four methods every payload serde of the project would repeat.
 */
public interface SelfSerde<T> extends Serde<T>, Serializer<T>, Deserializer<T> {

  @Override
  default Serializer<T> serializer() {
    return this;
  }

  @Override
  default Deserializer<T> deserializer() {
    return this;
  }

  @Override
  default void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  default void close() {}
}
