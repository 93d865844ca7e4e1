package io.tideway.contracts.digest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DocumentCodec;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Hand-written documents that are hard to print right: every BSON type, its edge values, odd keys
 * and strings.
 */
public final class TrickyDocuments {

  private TrickyDocuments() {}

  /** A fresh list, so callers may keep or change it. */
  public static List<BsonDocument> all() {
    List<BsonDocument> docs = new ArrayList<>();
    docs.add(new BsonDocument());
    docs.add(new BsonDocument("", new BsonString("")).append(" ", new BsonString(" ")));
    docs.add(new BsonDocument("s", new BsonString("quote\" backslash\\ slash/ \b\f\n\r\t end")));
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    docs.add(new BsonDocument("controls", new BsonString(controls + "\u007f\u0080\u009f")));
    docs.add(
        new BsonDocument(
            "s",
            new BsonString(
                "\u00e9 \u00df \u4e2d\u6587 \u2603 \u20ac \u02b0 e\u0301 "
                    + "\u2028\u2029 \ufeff \ue000 \uffff \ufffe \u0378 \u00a0 \u00ad \u200b \u0600")));
    docs.add(
        new BsonDocument(
                "pairs", new BsonString("\ud83d\ude00 \ud834\udd1e \udbff\udfff \ud800\udc00"))
            .append("lone", new BsonString("\ud83d x \ude00 \ude00\ud83d end\ud800")));
    docs.add(
        keys(
            "b",
            "B",
            "a",
            "_id",
            "$x",
            "\u00e9",
            "\uffff",
            "\ud83d\ude00",
            "\u0000",
            "a\u0000",
            "aa",
            "a",
            "\"",
            "\\",
            "\n",
            "\ud83d",
            "key with spaces",
            "10",
            "9",
            "-1"));
    docs.add(
        BsonDocument.parse(
            "{z: [{y: 1, x: 2}, [{b: {}, a: []}], [], {}, [[[{d: 1, c: [2, {f: 3, e: 4}]}]]]],"
                + " a: {c: {e: 1, d: 2}, b: [{}, {}]}}"));
    docs.add(
        doubles(
            0.0,
            -0.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1.0,
            -1.0,
            0.1,
            1e300,
            -1e-300,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.MIN_NORMAL,
            1.0e7,
            9999999.0,
            1.0e-3,
            1.0e-4,
            123456789012345678.0,
            2.5e-8,
            Double.longBitsToDouble(0x7ff8000000000001L),
            Double.longBitsToDouble(0xfff0000000000001L)));
    docs.add(
        decimals(
            Decimal128.NaN,
            Decimal128.NEGATIVE_NaN,
            Decimal128.POSITIVE_INFINITY,
            Decimal128.NEGATIVE_INFINITY,
            Decimal128.POSITIVE_ZERO,
            Decimal128.NEGATIVE_ZERO,
            Decimal128.parse("1.50"),
            Decimal128.parse("-0.00"),
            Decimal128.parse("1E+6144"),
            Decimal128.parse("1E-6176"),
            Decimal128.parse("0E-6176"),
            Decimal128.parse("9.999999999999999999999999999999999E+6144"),
            Decimal128.parse("123456789012345678901234567890.1234"),
            new Decimal128(new BigDecimal("1001.50")),
            new Decimal128(-7),
            Decimal128.parse("1E+3"),
            Decimal128.parse("0.000001"),
            Decimal128.parse("0.0000001"),
            Decimal128.fromIEEE754BIDEncoding(0x7e00000000000000L, 12345L),
            Decimal128.fromIEEE754BIDEncoding(0x6fffffffffffffffL, -1L)));
    docs.add(
        dates(
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            0,
            -1,
            1,
            -62_135_596_800_001L,
            -62_135_596_800_000L,
            -2_208_988_800_000L,
            253_402_300_799_999L,
            253_402_300_800_000L,
            1_706_140_800_000L));
    docs.add(
        new BsonDocument("min", new BsonInt32(Integer.MIN_VALUE))
            .append("max", new BsonInt32(Integer.MAX_VALUE))
            .append("zero", new BsonInt32(0))
            .append("neg", new BsonInt32(-1))
            .append("lmin", new BsonInt64(Long.MIN_VALUE))
            .append("lmax", new BsonInt64(Long.MAX_VALUE))
            .append("lzero", new BsonInt64(0))
            .append("lneg", new BsonInt64(-1)));
    docs.add(
        new BsonDocument("oid", new BsonObjectId(new ObjectId("5f1d7f0e8b3e4a2b9c0d1e2f")))
            .append("zero", new BsonObjectId(new ObjectId(new byte[12]))));
    byte[] sixteen = new byte[16];
    for (int i = 0; i < 16; i++) {
      sixteen[i] = (byte) (i * 17);
    }
    docs.add(
        new BsonDocument("empty", new BsonBinary(new byte[0]))
            .append("generic", new BsonBinary(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe}))
            .append("function", new BsonBinary(BsonBinarySubType.FUNCTION, new byte[] {1}))
            .append("old", new BsonBinary(BsonBinarySubType.OLD_BINARY, new byte[] {1, 2, 3}))
            .append("legacyUuid", new BsonBinary(BsonBinarySubType.UUID_LEGACY, sixteen))
            .append("uuid", new BsonBinary(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
            .append("md5", new BsonBinary(BsonBinarySubType.MD5, sixteen))
            .append("encrypted", new BsonBinary(BsonBinarySubType.ENCRYPTED, new byte[] {9}))
            .append("user", new BsonBinary((byte) 0x80, sixteen))
            .append("ff", new BsonBinary((byte) 0xff, new byte[] {7, 7})));
    docs.add(
        new BsonDocument("re", new BsonRegularExpression("^a\"b\\d+/$", "imx"))
            .append("empty", new BsonRegularExpression("", ""))
            .append("unsortedOptions", new BsonRegularExpression("\u00fc\n", "xsmi"))
            .append("noOptions", new BsonRegularExpression("a|b")));
    docs.add(
        new BsonDocument("t0", new BsonTimestamp(0, 0))
            .append("t1", new BsonTimestamp(Integer.MAX_VALUE, 1))
            .append("t2", new BsonTimestamp(-1, -1))
            .append("t3", new BsonTimestamp(Long.MIN_VALUE))
            .append("t4", new BsonTimestamp(1_706_140_800, 42)));
    docs.add(
        new BsonDocument("t", BsonBoolean.TRUE)
            .append("f", BsonBoolean.FALSE)
            .append("n", BsonNull.VALUE)
            .append("u", new BsonUndefined())
            .append("min", new BsonMinKey())
            .append("max", new BsonMaxKey())
            .append("sym", new BsonSymbol("sym\"bol\u2028"))
            .append("js", new BsonJavaScript("function() { return \"\\n\"; }")));
    // The scope of code-with-scope was never sorted: its key order is part of the hash.
    BsonDocument scope =
        new BsonDocument("z", new BsonInt32(1))
            .append(
                "a",
                new BsonDocument("y", BsonNull.VALUE)
                    .append(
                        "b",
                        new BsonArray(
                            List.of(
                                new BsonDocument("q", new BsonInt32(1))
                                    .append("p", new BsonInt32(2))))))
            .append(
                "inner",
                new BsonJavaScriptWithScope(
                    "g()", new BsonDocument("d", BsonBoolean.TRUE).append("c", BsonNull.VALUE)));
    docs.add(
        new BsonDocument("code", new BsonJavaScriptWithScope("f(x)", scope))
            .append("empty", new BsonJavaScriptWithScope("", new BsonDocument()))
            .append(
                "raw",
                new BsonJavaScriptWithScope(
                    "h", new RawBsonDocument(scope, new BsonDocumentCodec()))));
    docs.add(
        new BsonDocument(
            "p", new BsonDbPointer("db.coll\"x\u00e9", new ObjectId("5f1d7f0e8b3e4a2b9c0d1e2f"))));
    // Documents backed by raw BSON or by another class read the same through their entry sets.
    BsonDocument plain = BsonDocument.parse("{b: 1, a: {d: [1, {f: 2, e: 3}], c: 'x'}}");
    docs.add(new RawBsonDocument(plain, new BsonDocumentCodec()));
    docs.add(
        new BsonDocument("raw", new RawBsonDocument(plain, new BsonDocumentCodec()))
            .append(
                "rawInArray",
                new BsonArray(List.of(new RawBsonDocument(plain, new BsonDocumentCodec())))));
    Document javaDoc = new Document("y", 1).append("x", new Document("b", "s").append("a", 2L));
    docs.add(
        new BsonDocument("wrapped", new BsonDocumentWrapper<>(javaDoc, new DocumentCodec()))
            .append(
                "code",
                new BsonJavaScriptWithScope(
                    "w", new BsonDocumentWrapper<>(javaDoc, new DocumentCodec()))));
    BsonDocument manyKeys = new BsonDocument();
    for (int i = 999; i >= 0; i--) {
      manyKeys.append("k" + (i * 7919 % 1000), new BsonInt32(i));
    }
    docs.add(manyKeys);
    docs.add(
        new BsonDocument("big", new BsonString("x\u00e9\u4e2d\ud83d\ude00\u0001".repeat(5000))));
    // Raw BSON may repeat a key: toJson pipes the bytes and prints it twice, the entry set keeps
    // the last value; a raw document nested in a scope is piped too, the scope itself read as a
    // map.
    RawBsonDocument repeated = repeatedKeys();
    docs.add(repeated);
    docs.add(
        new BsonDocument("raw", repeated)
            .append("inArray", new BsonArray(List.of(repeated)))
            .append("inScope", new BsonJavaScriptWithScope("s", new BsonDocument("r", repeated)))
            .append("asScope", new BsonJavaScriptWithScope("t", repeated)));
    docs.add(DigestBench.admission("file-1", 1));
    docs.add(DigestBench.admission("file-1", 55_500));
    return docs;
  }

  /** Raw BSON that repeats a key at the top, in a nested document, in an array and in a scope. */
  /** Every UTF-16 char, 64 at a time, once as a string value and once inside a key. */
  public static List<BsonDocument> everyUtf16Char() {
    List<BsonDocument> docs = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_VALUE; c += 64) {
      StringBuilder s = new StringBuilder();
      for (int i = c; i < c + 64; i++) {
        s.append((char) i);
      }
      docs.add(new BsonDocument("s", new BsonString(s.toString())));
      docs.add(new BsonDocument(s.toString(), new BsonInt32(c)).append("k", BsonNull.VALUE));
    }
    return docs;
  }

  public static RawBsonDocument repeatedKeys() {
    BasicOutputBuffer bytes = new BasicOutputBuffer();
    try (BsonBinaryWriter w = new BsonBinaryWriter(bytes)) {
      w.writeStartDocument();
      w.writeInt32("a", 1);
      w.writeString("b", "x");
      w.writeStartDocument("d");
      w.writeNull("z");
      w.writeInt32("z", 2);
      w.writeEndDocument();
      w.writeStartArray("arr");
      w.writeStartDocument();
      w.writeInt64("k", 1);
      w.writeInt64("k", 2);
      w.writeEndDocument();
      w.writeDecimal128(Decimal128.parse("-0.10"));
      w.writeEndArray();
      w.writeJavaScriptWithScope("js", "f()");
      w.writeStartDocument();
      w.writeBoolean("s", true);
      w.writeBoolean("s", false);
      w.writeEndDocument();
      w.writeInt32("a", 2);
      w.writeEndDocument();
    }
    return new RawBsonDocument(bytes.toByteArray());
  }

  private static BsonDocument keys(String... keys) {
    BsonDocument doc = new BsonDocument();
    for (int i = 0; i < keys.length; i++) {
      doc.append(keys[i], new BsonInt32(i));
    }
    return doc;
  }

  private static BsonDocument doubles(double... values) {
    BsonDocument doc = new BsonDocument();
    BsonArray all = new BsonArray();
    for (int i = 0; i < values.length; i++) {
      doc.append("d" + i, new BsonDouble(values[i]));
      all.add(new BsonDouble(values[i]));
    }
    return doc.append("all", all);
  }

  private static BsonDocument decimals(Decimal128... values) {
    BsonDocument doc = new BsonDocument();
    for (int i = 0; i < values.length; i++) {
      doc.append("m" + i, new BsonDecimal128(values[i]));
    }
    return doc;
  }

  private static BsonDocument dates(long... values) {
    BsonDocument doc = new BsonDocument();
    for (int i = 0; i < values.length; i++) {
      doc.append("t" + i, new BsonDateTime(values[i]));
    }
    return doc;
  }
}
