package io.tideway.cleaner.streams;

import io.tideway.contracts.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The dedup store's values as {@code seenAtMs|row|fileId} in UTF-8: the store is read and written
 * for every row, and JSON cost more than the rest of the dedup step. Values written as JSON by
 * earlier versions (they start with a brace) are still read, so existing state needs no migration.
 */
final class FirstSeenSerde implements Serde<FirstSeen> {

  private static final JsonSerde<FirstSeen> LEGACY = new JsonSerde<>(FirstSeen.class);

  @Override
  public Serializer<FirstSeen> serializer() {
    return (topic, v) ->
        v == null
            ? null
            : (v.seenAtMs() + "|" + v.row() + "|" + v.fileId()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Deserializer<FirstSeen> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(topic, bytes);
  }

  private static FirstSeen read(String topic, byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == '{') {
      return LEGACY.deserializer().deserialize(topic, bytes);
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    int a = s.indexOf('|');
    int b = s.indexOf('|', a + 1);
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException("not a dedup entry: " + bytes.length + " bytes");
    }
    return new FirstSeen(
        s.substring(b + 1), Long.parseLong(s, a + 1, b, 10), Long.parseLong(s, 0, a, 10));
  }
}
