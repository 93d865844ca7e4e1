package io.tideway.contracts.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic: its name (without the deployment prefix) and the serdes of its keys and values.
 */
public record Topic<V>(
    String suffix, Class<V> valueType, Serde<String> keySerde, Serde<V> valueSerde) {

  static <V> Topic<V> json(String suffix, Class<V> type) {
    return new Topic<>(
        suffix, type, Serdes.String(), new io.tideway.contracts.json.JsonSerde<>(type));
  }

  static Topic<String> text(String suffix) {
    return new Topic<>(suffix, String.class, Serdes.String(), Serdes.String());
  }

  static Topic<byte[]> bytes(String suffix) {
    return new Topic<>(suffix, byte[].class, Serdes.String(), Serdes.ByteArray());
  }

  /** The full topic name under a prefix such as {@code tideway.}. */
  public String name(String prefix) {
    return prefix + suffix;
  }
}
