package io.tideway.contracts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.LoadReceipt;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonNull;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentDigestTest {

  private static final BsonDocument A =
      BsonDocument.parse("{_id: 'a', p: {n: 'x', age: 3}, m: {$numberDecimal: '1.50'}}");
  private static final BsonDocument B = BsonDocument.parse("{_id: 'b', p: {n: 'y', age: 4}}");

  // ---- v2: what hashes alike and what does not, as a table ----

  static Stream<Arguments> sameContent() {
    return Stream.of(
        Arguments.of("top-level key order", "{a: 1, b: 2, c: 3}", "{c: 3, a: 1, b: 2}"),
        Arguments.of(
            "_id moved first, as MongoDB stores it",
            "{p: {n: 'x'}, _id: 'a', m: 1}",
            "{_id: 'a', p: {n: 'x'}, m: 1}"),
        Arguments.of(
            "nested key order at every depth",
            "{p: {n: 'x', q: {z: 1, y: {b: 2, a: 1}}}}",
            "{p: {q: {y: {a: 1, b: 2}, z: 1}, n: 'x'}}"),
        Arguments.of(
            "documents inside arrays",
            "{l: [{b: 1, a: 2}, [{d: 1, c: 2}]]}",
            "{l: [{a: 2, b: 1}, [{c: 2, d: 1}]]}"),
        Arguments.of(
            "keys compare as UTF-8 bytes, capitals first",
            "{b: 1, B: 2, \u00e9: 3, a: 4, _: 5}",
            "{\u00e9: 3, _: 5, a: 4, B: 2, b: 1}"),
        Arguments.of(
            "every BSON type at its place",
            "{d: {$date: '2024-01-31T00:00:00Z'}, m: {$numberDecimal: '18856.28'},"
                + " l: {$numberLong: '7'}, i: 30, f: 1.5, n: null, t: true, s: 'x'}",
            "{s: 'x', t: true, n: null, f: 1.5, i: 30, l: {$numberLong: '7'},"
                + " m: {$numberDecimal: '18856.28'}, d: {$date: '2024-01-31T00:00:00Z'}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameContent")
  void hashesAlike(String why, String a, String b) {
    BsonDocument left = BsonDocument.parse(a);
    BsonDocument right = BsonDocument.parse(b);
    assertThat(ContentDigest.hash(left)).isEqualTo(ContentDigest.hash(right));
    assertThat(ContentDigest.hashBson(BsonBytes.write(left)))
        .isEqualTo(ContentDigest.hashBson(BsonBytes.write(right)));
  }

  static Stream<Arguments> differentContent() {
    return Stream.of(
        Arguments.of("int32 vs int64", int32(1), new BsonInt64(1)),
        Arguments.of("int32 vs double", int32(1), new BsonDouble(1)),
        Arguments.of("int64 vs date of the same millis", new BsonInt64(0), new BsonDateTime(0)),
        Arguments.of("date vs timestamp", new BsonDateTime(5), new BsonTimestamp(5)),
        Arguments.of("Decimal128 scale: 1.5 vs 1.50", decimal("1.5"), decimal("1.50")),
        Arguments.of("Decimal128 vs double", decimal("1.5"), new BsonDouble(1.5)),
        Arguments.of("0.0 vs -0.0", new BsonDouble(0.0), new BsonDouble(-0.0)),
        Arguments.of("string vs number", new BsonString("1"), int32(1)),
        Arguments.of("null vs empty string", BsonNull.VALUE, new BsonString("")),
        Arguments.of("array order", array(int32(1), int32(2)), array(int32(2), int32(1))),
        Arguments.of("array vs document", array(int32(1)), new BsonDocument("0", int32(1))),
        Arguments.of(
            "string case", new BsonString("Bobby Jackson"), new BsonString("bobby JacksOn")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("differentContent")
  void hashesApart(String why, BsonValue a, BsonValue b) {
    assertThat(ContentDigest.hash(new BsonDocument("v", a)))
        .isNotEqualTo(ContentDigest.hash(new BsonDocument("v", b)));
    // Also one level down, where a sorter could lose the type.
    assertThat(ContentDigest.hash(new BsonDocument("p", new BsonDocument("v", a))))
        .isNotEqualTo(ContentDigest.hash(new BsonDocument("p", new BsonDocument("v", b))));
  }

  @Test
  void theCanonicalFormIsTheSortedDocumentsBsonBytes() {
    BsonDocument doc =
        BsonDocument.parse(
            "{z: 1, a: {y: [3, {c: 1, b: 2}], x: {$numberDecimal: '2.50'}}, _id: 'k', m: []}");
    byte[] canonical = CanonicalBson.of(BsonBytes.write(doc));
    assertThat(new RawBsonDocument(canonical).keySet()).containsExactly("_id", "a", "m", "z");
    assertThat(new RawBsonDocument(canonical)).isEqualTo(doc);
    assertThat(canonical).isEqualTo(ReferenceCanonicalBson.bytes(doc));
    // Canonical bytes are a fixed point.
    assertThat(CanonicalBson.of(canonical)).isEqualTo(canonical);
  }

  @Test
  void oneInstanceSortsRepeatedAndLookAlikeLayoutsAsTheReferenceDoes() {
    // One instance remembers the key orders of the layouts it sorted: the same keys with other
    // values reuse one; the same number of keys and key bytes in another order, or one key byte
    // changed, must not; and more layouts than it remembers push the oldest out.
    CanonicalBson canonical = new CanonicalBson();
    List<String> layouts = new ArrayList<>();
    layouts.add("{c: V, a: V, b: V}");
    layouts.add("{c: V, b: V, a: V}");
    layouts.add("{b: V, c: V, a: V}");
    layouts.add("{c: V, a: V, d: V}");
    layouts.add("{z: V, p: {y: V, x: V}, a: [{k: V, j: V}]}");
    for (int i = 0; i < 40; i++) {
      layouts.add("{k" + i + ": V, a: V, n: {m" + (i % 7) + ": V, l: V}}");
    }
    int compared = 0;
    for (int round = 0; round < 3; round++) {
      for (String layout : layouts) {
        BsonDocument doc = BsonDocument.parse(layout.replace("V", Integer.toString(compared)));
        byte[] bson = BsonBytes.write(doc);
        byte[] out = new byte[bson.length];
        canonical.canonicalize(bson, 0, bson.length, out);
        assertThat(out).as(doc.toJson()).isEqualTo(ReferenceCanonicalBson.bytes(doc));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(3 * 45);
  }

  @Test
  void aDocumentItsBsonBytesAndTheRawDocumentOverThemHashTheSame() {
    for (int i = 1; i <= 200; i++) {
      BsonDocument doc = DigestBench.admission("file-1", i);
      byte[] stored = BsonBytes.write(doc);
      long expected = ContentDigest.hash(doc);
      assertThat(ContentDigest.hashBson(stored)).isEqualTo(expected);
      assertThat(ContentDigest.hash(new RawBsonDocument(stored))).isEqualTo(expected);
      // A raw document over a slice of a larger array, as the driver hands out.
      byte[] padded = new byte[stored.length + 10];
      System.arraycopy(stored, 0, padded, 7, stored.length);
      assertThat(ContentDigest.hash(new RawBsonDocument(padded, 7, stored.length)))
          .isEqualTo(expected);
    }
  }

  @Test
  void matchesTheReferenceOnTrickyAndRandomDocuments() {
    List<BsonDocument> docs = new ArrayList<>(TrickyDocuments.all());
    RandomDocuments random = new RandomDocuments(20260101L);
    for (int i = 0; i < 3000; i++) {
      docs.add(random.document());
    }
    int compared = 0;
    for (BsonDocument doc : docs) {
      // Not storable (a NUL in a key) never reaches a digest; for a repeated key the reference
      // reads a map, which keeps one of them (see below).
      if (!storable(doc) || hasRepeatedKeys(doc)) {
        continue;
      }
      // Read back from its bytes, as the verifier reads MongoDB: the reference reads strings, which
      // turns a lone surrogate stored in a raw document into U+FFFD; the digest hashes bytes.
      BsonDocument stored =
          new RawBsonDocument(BsonBytes.write(doc)).decode(new BsonDocumentCodec());
      assertThat(ContentDigest.hash(stored))
          .as(doc.toString())
          .isEqualTo(hash(ReferenceCanonicalBson.bytes(stored)));
      assertThat(DigestVersion.V2.hash(stored))
          .as(doc.toString())
          .isEqualTo(sha(ReferenceCanonicalBson.bytes(stored)));
      compared++;
    }
    assertThat(compared).isGreaterThan(2500);
  }

  @Test
  void aRepeatedKeyKeepsItsElementsInInputOrder() {
    RawBsonDocument repeated = TrickyDocuments.repeatedKeys();
    byte[] canonical = CanonicalBson.of(BsonBytes.write(repeated));
    assertThat(canonical).hasSameSizeAs(BsonBytes.write(repeated));
    List<String> keys = new ArrayList<>();
    try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(canonical))) {
      reader.readStartDocument();
      while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
        String key = reader.readName() + (reader.getCurrentBsonType().getValue());
        if (reader.getCurrentBsonType() == BsonType.INT32) {
          key += "=" + reader.readInt32();
        } else {
          reader.skipValue();
        }
        keys.add(key);
      }
    }
    // a (int32 1), a (int32 2), arr, b, d, js: the two a's in the order they came.
    assertThat(keys).containsExactly("a16=1", "a16=2", "arr4", "b2", "d3", "js15");
    assertThat(ContentDigest.hash(repeated)).isNotEqualTo(ContentDigest.hash(new BsonDocument()));
  }

  @Test
  void scopesOfCodeWithScopeAreSortedToo() {
    BsonDocument a =
        new BsonDocument(
            "js",
            new BsonJavaScriptWithScope("f()", BsonDocument.parse("{b: 1, a: {d: 1, c: 2}}")));
    BsonDocument b =
        new BsonDocument(
            "js",
            new BsonJavaScriptWithScope("f()", BsonDocument.parse("{a: {c: 2, d: 1}, b: 1}")));
    assertThat(ContentDigest.hash(a)).isEqualTo(ContentDigest.hash(b));
  }

  static Stream<Arguments> malformed() {
    byte[] good = BsonBytes.write(BsonDocument.parse("{a: 'x', b: {c: 1}}"));
    byte[] unknownType = good.clone();
    unknownType[4] = 0x42;
    byte[] longString = good.clone();
    longString[7] = 100; // the string's length prefix
    return Stream.of(
        Arguments.of("too short", new byte[] {5, 0, 0}, "at least 5 bytes"),
        Arguments.of("truncated", Arrays.copyOf(good, good.length - 1), "length prefix says"),
        Arguments.of("unknown type", unknownType, "unknown BSON type 0x42"),
        Arguments.of("a string past the end", longString, "runs past the end"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedBsonWithAClearMessage(String why, byte[] bson, String message) {
    assertThatThrownBy(() -> ContentDigest.hashBson(bson))
        .isInstanceOf(BsonSerializationException.class)
        .hasMessageContaining("not a well-formed BSON document")
        .hasMessageContaining(message);
    // A failed call leaves nothing behind for the next one on the thread.
    assertThat(ContentDigest.hash(A)).isEqualTo(hash(ReferenceCanonicalBson.bytes(A)));
  }

  @Test
  void refusesDocumentsNestedDeeperThanTheLimit() {
    BsonDocument doc = new BsonDocument("leaf", int32(1));
    for (int i = 1; i < CanonicalBson.MAX_DEPTH; i++) {
      doc = new BsonDocument("n", doc);
    }
    long atLimit = ContentDigest.hash(doc);
    assertThat(atLimit).isEqualTo(hash(ReferenceCanonicalBson.bytes(doc)));
    BsonDocument tooDeep = new BsonDocument("n", doc);
    assertThatThrownBy(() -> ContentDigest.hash(tooDeep))
        .isInstanceOf(BsonSerializationException.class);
  }

  // ---- sums ----

  @Test
  void isIndependentOfDocumentOrder() {
    BsonDocument aReordered =
        BsonDocument.parse("{m: {$numberDecimal: '1.50'}, p: {age: 3, n: 'x'}, _id: 'a'}");
    assertThat(new ContentDigest().add(A).add(B).hex())
        .isEqualTo(new ContentDigest().add(B).add(aReordered).hex());
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
    // Persisted as every document's _id: printed by the first implementation, never to change.
    assertThat(DocumentId.of(java.util.Arrays.asList("Ab", "c", null, "", "\u00dcn\u00efcode 12")))
        .isEqualTo("e3f5e8dfc87e862d8fb22629821b995f");
    assertThat(DocumentId.of(List.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb924");
    assertThat(
            DocumentId.of(
                List.of("x".repeat(123), "y".repeat(10), "z".repeat(9), "w".repeat(1000))))
        .isEqualTo("ca5682708ab77ce31bd5bf93ea447024");
  }

  // ---- versions: each is a persisted contract ----

  @Test
  void keepsPublishedValuesOfEveryVersion() {
    // v1, printed by the original implementation: files cleaned before v2 still verify.
    assertThat(hex(DigestVersion.V1, new BsonDocument())).isEqualTo("44136fa355b3678a");
    assertThat(hex(DigestVersion.V1, A)).isEqualTo("f13357b353724055");
    assertThat(hex(DigestVersion.V1, DigestBench.admission("file-1", 1)))
        .isEqualTo("af5bc4c918a3258a");
    // v2, printed when it was introduced.
    assertThat(hex(DigestVersion.V2, new BsonDocument())).isEqualTo(V2_EMPTY);
    assertThat(hex(DigestVersion.V2, A)).isEqualTo(V2_A);
    assertThat(hex(DigestVersion.V2, DigestBench.admission("file-1", 1))).isEqualTo(V2_ADMISSION);
    // v3, printed when it was introduced.
    assertThat(hex(DigestVersion.V3, new BsonDocument())).isEqualTo(V3_EMPTY);
    assertThat(hex(DigestVersion.V3, A)).isEqualTo(V3_A);
    assertThat(hex(DigestVersion.V3, DigestBench.admission("file-1", 1))).isEqualTo(V3_ADMISSION);
    assertThat(DigestVersion.CURRENT).isEqualTo(DigestVersion.V3);
    assertThat(ContentDigest.hash(A)).isEqualTo(DigestVersion.V3.hash(A));
    assertThat(ContentDigest.hashBson(BsonBytes.write(A))).isEqualTo(DigestVersion.V3.hash(A));
  }

  @Test
  void v3IsTheStandardXxh64() {
    // The specification's value for no input, seed 0: v3 is XXH64, not a variant of it.
    var xxh64 = net.jpountz.xxhash.XXHashFactory.fastestJavaInstance().hash64();
    assertThat(xxh64.hash(new byte[0], 0, 0, 0L)).isEqualTo(0xEF46DB3751D8E999L);
    // Of the canonical bytes, which an empty document is already: 5, 0, 0, 0, 0.
    assertThat(DigestVersion.V3.hash(new BsonDocument()))
        .isEqualTo(xxh64.hash(new byte[] {5, 0, 0, 0, 0}, 0, 5, 0L));
  }

  @Test
  void theVersionsHashTheSameDocumentDifferently() {
    assertThat(DigestVersion.V1.hash(A)).isNotEqualTo(DigestVersion.V2.hash(A));
    assertThat(new ContentDigest(DigestVersion.V1).add(A).add(B).hex())
        .isNotEqualTo(new ContentDigest(DigestVersion.V2).add(A).add(B).hex());
    assertThat(DigestVersion.V2.hash(A)).isNotEqualTo(DigestVersion.V3.hash(A));
    assertThat(new ContentDigest(DigestVersion.V2).add(A).add(B).hex())
        .isNotEqualTo(new ContentDigest(DigestVersion.V3).add(A).add(B).hex());
    assertThat(new ContentDigest().version()).isEqualTo(DigestVersion.V3);
  }

  @Test
  void theRecordSchemaSaysTheVersion() {
    assertThat(DigestVersion.of(stats(1))).isEqualTo(DigestVersion.V1);
    assertThat(DigestVersion.of(stats(2))).isEqualTo(DigestVersion.V2);
    assertThat(DigestVersion.of(receipt(1))).isEqualTo(DigestVersion.V1);
    assertThat(DigestVersion.of(receipt(2))).isEqualTo(DigestVersion.V2);
    assertThat(DigestVersion.of(stats(CleanStats.SCHEMA))).isEqualTo(DigestVersion.V3);
    assertThat(DigestVersion.of(receipt(LoadReceipt.SCHEMA))).isEqualTo(DigestVersion.V3);
    assertThat(DigestVersion.V3).hasToString("v3");
  }

  @Test
  void isConsistentAcrossThreads() throws Exception {
    RandomDocuments random = new RandomDocuments(42L);
    List<BsonDocument> docs = new ArrayList<>();
    while (docs.size() < 2000) {
      BsonDocument doc = random.document();
      if (storable(doc)) {
        docs.add(doc);
      }
    }
    long[] expected = docs.stream().mapToLong(ContentDigest::hash).toArray();
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

  private static final String V2_EMPTY = "49e8e3297545c15a";
  private static final String V2_A = "cbe9d5d7409b6db6";
  private static final String V2_ADMISSION = "27f992e13bacd272";
  private static final String V3_EMPTY = "ad14a64e34a31898";
  private static final String V3_A = "e25db707050c64ef";
  private static final String V3_ADMISSION = "1ba1f2ef3d45b792";

  private static String hex(DigestVersion version, BsonDocument doc) {
    return ContentDigest.format(version.hash(doc));
  }

  /** Digest v3 of canonical bytes, by its definition (the library's portable XXH64). */
  private static long hash(byte[] canonical) {
    return net.jpountz.xxhash.XXHashFactory.safeInstance()
        .hash64()
        .hash(canonical, 0, canonical.length, 0L);
  }

  /** Digest v2 of canonical bytes, by its definition. */
  private static long sha(byte[] canonical) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical);
      return ByteBuffer.wrap(sha, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean storable(BsonDocument doc) {
    try {
      BsonBytes.write(doc);
      return true;
    } catch (BsonSerializationException e) {
      return false;
    }
  }

  /** True when a document at any depth of {@code doc}'s BSON repeats a key. */
  private static boolean hasRepeatedKeys(BsonDocument doc) {
    try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(BsonBytes.write(doc)))) {
      reader.readStartDocument();
      return repeatsKeys(reader, false);
    }
  }

  private static boolean repeatsKeys(BsonBinaryReader reader, boolean array) {
    Set<String> keys = new HashSet<>();
    boolean repeated = false;
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      // In an array the reader takes the index keys itself.
      repeated |= !array && !keys.add(reader.readName());
      switch (reader.getCurrentBsonType()) {
        case DOCUMENT -> {
          reader.readStartDocument();
          repeated |= repeatsKeys(reader, false);
        }
        case ARRAY -> {
          reader.readStartArray();
          repeated |= repeatsKeys(reader, true);
        }
        case JAVASCRIPT_WITH_SCOPE -> {
          reader.readJavaScriptWithScope();
          reader.readStartDocument();
          repeated |= repeatsKeys(reader, false);
        }
        default -> reader.skipValue();
      }
    }
    if (array) {
      reader.readEndArray();
    } else {
      reader.readEndDocument();
    }
    return repeated;
  }

  private static CleanStats stats(int schema) {
    return new CleanStats(schema, "f", "f.csv", 0, 1, 0, 0, "0000000000000001", Map.of(), null);
  }

  private static LoadReceipt receipt(int schema) {
    return new LoadReceipt(schema, "tideway.cleaned", 0, 0, 0, Map.of(), null);
  }

  private static BsonInt32 int32(int v) {
    return new BsonInt32(v);
  }

  private static BsonDecimal128 decimal(String v) {
    return new BsonDecimal128(new Decimal128(new BigDecimal(v)));
  }

  private static BsonArray array(BsonValue... values) {
    return new BsonArray(List.of(values));
  }
}
