package io.tideway.contracts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.json.ExtendedJsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonNull;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

  private static final BsonDocument A =
      BsonDocument.parse("{_id: 'a', p: {n: 'x', age: 3}, m: {$numberDecimal: '1.50'}}");
  private static final BsonDocument B = BsonDocument.parse("{_id: 'b', p: {n: 'y', age: 4}}");

  @Test
  void isIndependentOfDocumentOrderAndKeyOrder() {
    BsonDocument aReordered =
        BsonDocument.parse("{m: {$numberDecimal: '1.50'}, p: {age: 3, n: 'x'}, _id: 'a'}");
    assertThat(new ContentDigest().add(A).add(B).hex())
        .isEqualTo(new ContentDigest().add(B).add(aReordered).hex());
  }

  @Test
  void distinguishesTypesAndValues() {
    BsonDocument int32 = new BsonDocument("v", new BsonInt32(1));
    BsonDocument int64 = new BsonDocument("v", new BsonInt64(1));
    assertThat(ContentDigest.hash(int32)).isNotEqualTo(ContentDigest.hash(int64));
    BsonDocument scale =
        BsonDocument.parse("{_id: 'a', p: {n: 'x', age: 3}, m: {$numberDecimal: '1.5'}}");
    assertThat(ContentDigest.hash(A)).isNotEqualTo(ContentDigest.hash(scale));
  }

  @Test
  void sumsCombineAndSubtract() {
    String ab = new ContentDigest().add(A).add(B).hex();
    String a = new ContentDigest().add(A).hex();
    String b = new ContentDigest().add(B).hex();
    assertThat(ContentDigest.plus(a, b)).isEqualTo(ab);
    assertThat(new ContentDigest().addDigest(ab).subtractDigest(b).hex()).isEqualTo(a);
    assertThat(ContentDigest.format(ContentDigest.parse(ab))).isEqualTo(ab);
  }

  @Test
  void documentIdIsStableAndLengthPrefixed() {
    assertThat(DocumentId.of(List.of("ab", "c")))
        .isEqualTo(DocumentId.of(List.of("ab", "c")))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(DocumentId.of(List.of("a", "bc")));
  }

  // ---- the hash is a persisted contract: it must equal the original implementation bit for bit
  // ----

  @Test
  void keepsPublishedValues() {
    // Printed by the original implementation, so a change to it and the reference together shows.
    assertThat(ContentDigest.format(ContentDigest.hash(new BsonDocument())))
        .isEqualTo("44136fa355b3678a");
    assertThat(ContentDigest.format(ContentDigest.hash(A))).isEqualTo("f13357b353724055");
    assertThat(ContentDigest.format(ContentDigest.hash(admission(1))))
        .isEqualTo("af5bc4c918a3258a");
  }

  @Test
  void matchesReferenceOnTrickyDocuments() {
    List<BsonDocument> docs = TrickyDocuments.all();
    docs.forEach(ContentDigestTest::assertMatchesReference);
    assertThat(docs.size()).isGreaterThan(20);
  }

  @Test
  void sortedJsonIsTheReferenceCanonicalForm() {
    // The hash streams these bytes; as text they must read as the canonical form itself.
    ExtendedJsonWriter writer = ExtendedJsonWriter.buffering();
    for (BsonDocument doc : TrickyDocuments.all()) {
      assertThat(writer.toJson(doc, true)).isEqualTo(ReferenceDigest.canonical(doc));
    }
    RandomDocuments random = new RandomDocuments(20260101L);
    for (int i = 0; i < 1000; i++) {
      BsonDocument doc = random.document();
      assertThat(writer.toJson(doc, true)).isEqualTo(ReferenceDigest.canonical(doc));
    }
  }

  @Test
  void matchesReferenceOnEveryUtf16CharInValuesAndKeys() {
    for (BsonDocument doc : TrickyDocuments.everyUtf16Char()) {
      assertMatchesReference(doc);
    }
  }

  @Test
  void matchesReferenceOnRandomDocuments() {
    RandomDocuments random = new RandomDocuments(20260101L);
    for (int i = 0; i < 5000; i++) {
      assertMatchesReference(random.document());
    }
  }

  @Test
  void matchesReferenceOnLongStringsAcrossTheWriteBuffer() {
    RandomDocuments random = new RandomDocuments(7L);
    for (int i = 0; i < 50; i++) {
      BsonDocument doc = new BsonDocument("long", new BsonString(random.string(40_000)));
      doc.append(
          "escapes", new BsonString("\u0001".repeat(1365 + i) + "\ud83d\ude00".repeat(700 + i)));
      doc.append("cjk", new BsonString("\u4e2d".repeat(2730 + i)));
      assertMatchesReference(doc);
    }
  }

  @Test
  void failsLikeTheReferenceBeyondTheMaximumDepth() {
    assertMatchesReference(chain(1024));
    assertThatThrownBy(() -> ReferenceDigest.hash(chain(1025)))
        .isInstanceOf(BsonSerializationException.class);
    assertThatThrownBy(() -> ContentDigest.hash(chain(1025)))
        .isInstanceOf(BsonSerializationException.class)
        .hasMessageStartingWith("Maximum serialization depth exceeded");

    // The code-with-scope wrapper counts as a level of its own.
    BsonDocument scopeAtLimit =
        wrap(new BsonJavaScriptWithScope("f", new BsonDocument("x", BsonNull.VALUE)), 1022);
    assertMatchesReference(scopeAtLimit);
    BsonDocument scopeTooDeep =
        wrap(new BsonJavaScriptWithScope("f", new BsonDocument("x", new BsonArray())), 1022);
    assertThatThrownBy(() -> ReferenceDigest.hash(scopeTooDeep))
        .isInstanceOf(BsonSerializationException.class);
    assertThatThrownBy(() -> ContentDigest.hash(scopeTooDeep))
        .isInstanceOf(BsonSerializationException.class);

    // A failed call leaves nothing behind for the next one on the thread.
    assertMatchesReference(A);
  }

  @Test
  void isConsistentAcrossThreads() throws Exception {
    RandomDocuments random = new RandomDocuments(42L);
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      docs.add(random.document());
    }
    long[] expected = docs.stream().mapToLong(ReferenceDigest::hash).toArray();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> docs.stream().mapToLong(ContentDigest::hash).toArray()));
      }
      for (Future<long[]> r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertMatchesReference(BsonDocument doc) {
    long expected = ReferenceDigest.hash(doc);
    long actual = ContentDigest.hash(doc);
    if (actual != expected) {
      throw new AssertionError(
          "hash differs from the reference for canonical form " + ReferenceDigest.canonical(doc));
    }
  }

  private static BsonDocument chain(int documents) {
    BsonDocument doc = new BsonDocument("leaf", new BsonInt32(1));
    for (int i = 1; i < documents; i++) {
      doc = new BsonDocument("n", doc).append("a", BsonBoolean.TRUE);
    }
    return doc;
  }

  private static BsonDocument wrap(BsonValue value, int documents) {
    BsonDocument doc = new BsonDocument("v", value);
    for (int i = 1; i < documents; i++) {
      doc = new BsonDocument("n", doc);
    }
    return doc;
  }

  /** The reference admissions document the cleaner writes (as in the verifier's fixtures). */
  static BsonDocument admission(int i) {
    return DigestBench.admission("file-1", i);
  }
}
