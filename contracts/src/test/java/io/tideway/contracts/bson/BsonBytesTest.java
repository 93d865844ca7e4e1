package io.tideway.contracts.bson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.digest.RandomDocuments;
import io.tideway.contracts.digest.TrickyDocuments;
import io.tideway.contracts.json.ExtendedJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class BsonBytesTest {

  private static BsonDocument sample() {
    return new BsonDocument("_id", new BsonString("abc"))
        .append("age", new BsonInt32(30))
        .append("row", new BsonInt64(7))
        .append("amount", new BsonDecimal128(new Decimal128(new BigDecimal("18856.28"))))
        .append("admitted", new BsonDateTime(1_700_000_000_000L))
        .append("nothing", BsonNull.VALUE)
        .append("patient", new BsonDocument("name", new BsonString("Bobby Jackson")));
  }

  @Test
  void bytesReadBackAsTheSameDocumentWithEveryType() {
    byte[] bytes = BsonBytes.write(sample());
    assertThat(BsonBytes.read(bytes)).isEqualTo(sample());
    assertThat(BsonBytes.read(bytes).get("age")).isInstanceOf(BsonInt32.class);
    assertThat(BsonBytes.write(BsonBytes.read(bytes))).isEqualTo(bytes);
  }

  @Test
  void tellsBsonFromTheExtendedJsonOfTheFirstSchema() {
    byte[] json = ExtendedJson.write(sample()).getBytes(StandardCharsets.UTF_8);
    assertThat(BsonBytes.formatOf(BsonBytes.write(sample()))).isEqualTo(BsonBytes.SCHEMA);
    assertThat(BsonBytes.formatOf(json)).isEqualTo(BsonBytes.SCHEMA_EXTENDED_JSON);
    assertThat(BsonBytes.readExtendedJson(json)).isEqualTo(sample());
    assertThat(BsonBytes.formatOf("not a document".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(BsonBytes.formatOf(new byte[0])).isEqualTo(-1);
  }

  @Test
  void aDocumentWhoseLengthStartsWithABraceIsStillBson() {
    // 0x7B = '{': pad the document until its length's low byte is exactly that.
    BsonDocument doc = new BsonDocument("_id", new BsonString("x"));
    StringBuilder pad = new StringBuilder();
    while ((BsonBytes.write(doc.append("p", new BsonString(pad.toString()))).length & 0xff)
        != '{') {
      pad.append('a');
    }
    byte[] bytes = BsonBytes.write(doc);
    assertThat(bytes[0]).isEqualTo((byte) '{');
    assertThat(BsonBytes.formatOf(bytes)).isEqualTo(BsonBytes.SCHEMA);
  }

  @Test
  void writesTheSameBytesAsTheLibrarysOwnBuffer() {
    RandomDocuments random = new RandomDocuments(20261201L);
    java.util.List<BsonDocument> docs = new java.util.ArrayList<>(TrickyDocuments.all());
    docs.addAll(TrickyDocuments.everyUtf16Char());
    for (int i = 0; i < 2_000; i++) {
      docs.add(random.document());
    }
    int refused = 0;
    for (BsonDocument doc : docs) {
      byte[] expected;
      try {
        expected = libraryBytes(doc);
      } catch (BsonSerializationException e) {
        // e.g. a key with a NUL character: refused alike
        assertThatThrownBy(() -> BsonBytes.write(doc))
            .isInstanceOf(BsonSerializationException.class);
        refused++;
        continue;
      }
      assertThat(BsonBytes.write(doc)).isEqualTo(expected);
    }
    assertThat(refused).isLessThan(docs.size() / 10);
  }

  @Test
  void aKeyWithANulCharacterIsStillRefused() {
    BsonDocument doc = new BsonDocument("a\u0000b", new BsonString("x"));
    assertThatThrownBy(() -> BsonBytes.write(doc)).isInstanceOf(BsonSerializationException.class);
    // In a string value a NUL is allowed (the value carries its length).
    BsonDocument value = new BsonDocument("a", new BsonString("x\u0000y"));
    assertThat(BsonBytes.write(value)).isEqualTo(libraryBytes(value));
  }

  private static byte[] libraryBytes(BsonDocument doc) {
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      new BsonDocumentCodec()
          .encode(
              writer, doc, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
    }
    return buffer.toByteArray();
  }
}
