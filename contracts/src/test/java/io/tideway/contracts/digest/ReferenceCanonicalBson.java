package io.tideway.contracts.digest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonValue;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The canonical BSON of digests v2 and v3 written the slow, obvious way, as the definition the
 * byte-level one must match: a copy of the document sorted by the keys' UTF-8 bytes at every depth,
 * encoded by the bson library.
 */
final class ReferenceCanonicalBson {

  private ReferenceCanonicalBson() {}

  /** The canonical bytes: the sorted copy, encoded. */
  static byte[] bytes(BsonDocument document) {
    BasicOutputBuffer out = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
      new BsonDocumentCodec().encode(writer, sorted(document), EncoderContext.builder().build());
    }
    return out.toByteArray();
  }

  private static BsonDocument sorted(BsonDocument document) {
    List<Map.Entry<String, BsonValue>> entries = new ArrayList<>(document.entrySet());
    entries.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));
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
      value.asArray().forEach(v -> array.add(sorted(v)));
      return array;
    }
    if (value.isJavaScriptWithScope()) {
      BsonJavaScriptWithScope js = value.asJavaScriptWithScope();
      return new BsonJavaScriptWithScope(js.getCode(), sorted(js.getScope()));
    }
    return value;
  }

  /**
   * The key's bytes as the bson library writes them: UTF-8 per code point, a lone surrogate as its
   * own three bytes (where {@code String.getBytes} would write '?').
   */
  private static byte[] utf8(String key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    key.codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.write(c);
              } else if (c < 0x800) {
                out.write(0xc0 | c >> 6);
                out.write(0x80 | c & 0x3f);
              } else if (c < 0x10000) {
                out.write(0xe0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3f);
                out.write(0x80 | c & 0x3f);
              } else {
                out.write(0xf0 | c >> 18);
                out.write(0x80 | c >> 12 & 0x3f);
                out.write(0x80 | c >> 6 & 0x3f);
                out.write(0x80 | c & 0x3f);
              }
            });
    return out.toByteArray();
  }
}
