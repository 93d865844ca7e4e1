package io.tideway.cleaner.streams;

import io.tideway.contracts.json.JsonSerde;
import io.tideway.contracts.kafka.SelfSerde;
import java.nio.charset.StandardCharsets;

/**
 * The dedup store's values as {@code seenAtMs|row|fileId} in UTF-8: the store is read and written
 * for every row, and JSON cost more than the rest of the dedup step. Values written as JSON by
 * earlier versions (they start with a brace) are still read, so existing state needs no migration.
 */
final class FirstSeenSerde implements SelfSerde<FirstSeen> {

  private static final JsonSerde<FirstSeen> LEGACY = new JsonSerde<>(FirstSeen.class);

  @Override
  public byte[] serialize(String topic, FirstSeen v) {
    return v == null
        ? null
        : (v.seenAtMs() + "|" + v.row() + "|" + v.fileId()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public FirstSeen deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length > 0 && bytes[0] == '{') {
      return LEGACY.deserialize(topic, bytes);
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
