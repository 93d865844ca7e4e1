package io.tideway.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.digest.DigestBench;
import io.tideway.contracts.digest.RandomDocuments;
import io.tideway.contracts.digest.TrickyDocuments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;
import org.bson.BsonInt32;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.Encoder;
import org.bson.codecs.EncoderContext;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** {@link ExtendedJson#write} must return exactly the String of the bson library's own toJson. */
class ExtendedJsonTest {

  private static final JsonWriterSettings EXTENDED =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  @Test
  void matchesToJsonOnTrickyDocuments() {
    List<BsonDocument> docs = TrickyDocuments.all();
    docs.forEach(ExtendedJsonTest::assertMatchesToJson);
    assertThat(docs.size()).isGreaterThan(20);
  }

  @Test
  void printsTheRepeatedKeysOfRawDocumentsAsToJsonDoes() {
    // Also among the tricky documents; spelled out here so that it shows what is being matched.
    String json = ExtendedJson.write(TrickyDocuments.repeatedKeys());
    assertThat(json)
        .isEqualTo(TrickyDocuments.repeatedKeys().toJson(EXTENDED))
        .startsWith("{\"a\": {\"$numberInt\": \"1\"}, ")
        .contains("{\"z\": null, \"z\": {\"$numberInt\": \"2\"}}", "{\"s\": true, \"s\": false}")
        .endsWith(", \"a\": {\"$numberInt\": \"2\"}}");
  }

  @Test
  void matchesToJsonOnEveryUtf16CharInValuesAndKeys() {
    for (BsonDocument doc : TrickyDocuments.everyUtf16Char()) {
      assertMatchesToJson(doc);
    }
  }

  @Test
  void matchesToJsonOnRandomDocumentsAndReadsThemBack() {
    RandomDocuments random = new RandomDocuments(20260101L);
    int lossless = 0;
    for (int i = 0; i < 5000; i++) {
      BsonDocument doc = random.document();
      String json = assertMatchesToJson(doc);
      if (roundTrips(doc)) {
        assertThat(ExtendedJson.read(json)).isEqualTo(doc);
        lossless++;
      }
    }
    // Only documents holding a Decimal128 that parses back to other bits are left out (166 of
    // 5,000).
    assertThat(lossless).isGreaterThan(4500);
  }

  @Test
  void matchesToJsonOnStringsLongerThanTheBuffer() {
    RandomDocuments random = new RandomDocuments(7L);
    for (int i = 0; i < 50; i++) {
      BsonDocument doc = new BsonDocument("long", new BsonString(random.string(40_000)));
      doc.append(
          "escapes", new BsonString("\u0001".repeat(1365 + i) + "\ud83d\ude00".repeat(700 + i)));
      doc.append("cjk", new BsonString("\u4e2d".repeat(2730 + i)));
      doc.append("ascii", new BsonString("x".repeat(8190 + i)));
      assertMatchesToJson(doc);
    }
    // Past the size a thread keeps its buffer at, and back to a small document on the same thread.
    assertMatchesToJson(new BsonDocument("huge", new BsonString("\u0001\u00e9".repeat(300_000))));
    assertMatchesToJson(DigestBench.admission("file-1", 1));
  }

  @Test
  void streamsTheSameBytesWhateverWhereTheBufferFills() {
    // The digest streams a bufferful at a time, so strings must start anywhere in a filling buffer.
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ExtendedJsonWriter writer = ExtendedJsonWriter.streamingTo(streamed::write);
    RandomDocuments random = new RandomDocuments(11L);
    for (int prefix = 0; prefix < 9000; prefix += 37) {
      for (int length = 1363; length <= 1367; length++) {
        BsonDocument doc =
            new BsonDocument("p", new BsonString("a".repeat(prefix)))
                .append("\u0001".repeat(length), new BsonString("\u0001".repeat(length)))
                .append("r", new BsonString(random.string(3000)))
                .append("n", new BsonInt32(prefix));
        streamed.reset();
        writer.write(doc, false);
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(doc.toJson(EXTENDED));
      }
    }
  }

  @Test
  void failsLikeToJsonBeyondTheMaximumDepthAndRecovers() {
    BsonDocument doc = new BsonDocument("leaf", new BsonInt32(1));
    for (int i = 1; i < 1024; i++) {
      doc = new BsonDocument("n", doc).append("a", new BsonArray());
    }
    assertMatchesToJson(doc);
    BsonDocument tooDeep = new BsonDocument("n", doc);
    assertThatThrownBy(() -> tooDeep.toJson(EXTENDED))
        .isInstanceOf(BsonSerializationException.class);
    assertThatThrownBy(() -> ExtendedJson.write(tooDeep))
        .isInstanceOf(BsonSerializationException.class)
        .hasMessageStartingWith("Maximum serialization depth exceeded");
    // A failed call leaves nothing behind for the next one on the thread.
    assertMatchesToJson(BsonDocument.parse("{a: [1, {b: 2}], c: 'd'}"));
  }

  @Test
  void isReentrantFromAnEncoderOnTheSameThread() {
    BsonDocument inner = BsonDocument.parse("{x: [1, 2, {y: 'z'}]}");
    List<String> written = new ArrayList<>();
    Encoder<Document> encoder =
        new Encoder<>() {
          @Override
          public void encode(BsonWriter writer, Document value, EncoderContext context) {
            written.add(ExtendedJson.write(inner));
            new DocumentCodec().encode(writer, value, context);
          }

          @Override
          public Class<Document> getEncoderClass() {
            return Document.class;
          }
        };
    Document javaDoc = new Document("b", 1).append("a", List.of("s", 2L));
    BsonDocument doc =
        new BsonDocument("first", new BsonString("before"))
            .append("wrapped", new BsonDocumentWrapper<>(javaDoc, encoder))
            .append(
                "code",
                new BsonJavaScriptWithScope("f", new BsonDocumentWrapper<>(javaDoc, encoder)))
            .append("last", new BsonString("after"));
    assertThat(ExtendedJson.write(doc)).isEqualTo(doc.toJson(EXTENDED));
    assertThat(written)
        .isNotEmpty()
        .allSatisfy(json -> assertThat(json).isEqualTo(inner.toJson(EXTENDED)));
  }

  @Test
  void isConsistentAcrossThreads() throws Exception {
    RandomDocuments random = new RandomDocuments(42L);
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      docs.add(random.document());
    }
    List<String> expected = docs.stream().map(d -> d.toJson(EXTENDED)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> docs.stream().map(ExtendedJson::write).toList()));
      }
      for (Future<List<String>> r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writersRefuseTheOtherKindOfOutput() {
    assertThatThrownBy(() -> ExtendedJsonWriter.buffering().write(new BsonDocument(), false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> ExtendedJsonWriter.streamingTo((b, o, l) -> {}).toJson(new BsonDocument(), false))
        .isInstanceOf(IllegalStateException.class);
  }

  private static String assertMatchesToJson(BsonDocument doc) {
    String expected = doc.toJson(EXTENDED);
    String actual = ExtendedJson.write(doc);
    if (!actual.equals(expected)) {
      throw new AssertionError(
          "write differs from toJson:\nexpected " + expected + "\nactual   " + actual);
    }
    return actual;
  }

  /** Whether Extended JSON can carry the document: a Decimal128 prints its value, not its bits. */
  private static boolean roundTrips(BsonValue value) {
    return switch (value.getBsonType()) {
      case DOCUMENT -> value.asDocument().values().stream().allMatch(ExtendedJsonTest::roundTrips);
      case ARRAY -> value.asArray().stream().allMatch(ExtendedJsonTest::roundTrips);
      case JAVASCRIPT_WITH_SCOPE -> roundTrips(value.asJavaScriptWithScope().getScope());
      case DECIMAL128 -> {
        Decimal128 d = value.asDecimal128().getValue();
        try {
          yield Decimal128.parse(d.toString()).equals(d);
        } catch (NumberFormatException e) {
          yield false; // a non-canonical encoding whose digits no Decimal128 holds
        }
      }
      default -> true;
    };
  }
}
