package io.tideway.contracts.json;

import io.tideway.contracts.kafka.SelfSerde;
import org.apache.kafka.common.errors.SerializationException;

/** Kafka serde of a payload record through {@link Json}; null stays null (tombstones). */
public final class JsonSerde<T> implements SelfSerde<T> {

  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : Json.toBytes(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.fromBytes(data, type);
    } catch (RuntimeException e) {
      // No payload in the message: it may hold personal data.
      throw new SerializationException("not a valid " + type.getSimpleName() + " on " + topic, e);
    }
  }
}
