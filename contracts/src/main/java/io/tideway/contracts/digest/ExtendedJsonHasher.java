package io.tideway.contracts.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Digest v1's hash, kept to verify files cleaned before v2: the first 8 bytes of the SHA-256 of the
 * UTF-8 of the bson library's canonical Extended JSON of a copy of the document with its keys
 * sorted (by {@link String#compareTo}) at every depth. Several times slower than v2, which is why
 * it is no longer written; the published values in the tests pin it.
 */
final class ExtendedJsonHasher {

  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ExtendedJsonHasher() {}

  static long hash(BsonDocument document) {
    byte[] canonical = canonical(document).getBytes(StandardCharsets.UTF_8);
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical);
      return ByteBuffer.wrap(sha, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** The text that is hashed. */
  static String canonical(BsonDocument document) {
    return sorted(document).toJson(CANONICAL);
  }

  private static BsonDocument sorted(BsonDocument document) {
    List<Map.Entry<String, BsonValue>> entries = new ArrayList<>(document.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    BsonDocument out = new BsonDocument();
    for (Map.Entry<String, BsonValue> e : entries) {
      out.append(e.getKey(), sorted(e.getValue()));
    }
    return out;
  }

  private static BsonValue sorted(BsonValue value) {
    if (value.isDocument()) {
      return sorted(value.asDocument());
    }
    if (value.isArray()) {
      BsonArray array = new BsonArray();
      for (BsonValue v : value.asArray()) {
        array.add(sorted(v));
      }
      return array;
    }
    return value;
  }
}
