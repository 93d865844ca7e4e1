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
 * The original {@link ContentDigest#hash}, kept verbatim as the definition the fast one must match.
 */
final class ReferenceDigest {

  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ReferenceDigest() {}

  static long hash(BsonDocument document) {
    String canonical = canonical(document);
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** The text that is hashed, for failure messages. */
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
