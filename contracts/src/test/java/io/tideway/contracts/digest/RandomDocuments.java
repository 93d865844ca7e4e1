package io.tideway.contracts.digest;

import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
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
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Reproducible random BSON documents of every type, key order and kind of string. */
public final class RandomDocuments {

  // Chars whose escaping or encoding is easy to get wrong: JSON escapes, controls, a modifier
  // letter
  // (escaped although a letter), a combining mark, line and paragraph separators, a BOM, private
  // use, an unassigned char, the non-characters at the top of the BMP.
  private static final String AWKWARD =
      "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080\u00a0\u00ad\u02b0\u0301"
          + "\u2028\u2029\ufeff\ue000\u0378\ufffe\uffff\u00e9\u20ac\u4e2d";

  // Keys that sort awkwardly: compared by UTF-16 unit, U+FFFF sorts after an emoji's surrogate
  // pair.
  private static final String[] SPECIAL_KEYS = {
    "_id", "$x", "a", "A", "aa", "a\u0000", "_", "\u00e9", "\uffff", "\ud83d\ude00"
  };

  private final Random random;

  public RandomDocuments(long seed) {
    random = new Random(seed);
  }

  public BsonDocument document() {
    return document(0);
  }

  private BsonDocument document(int depth) {
    BsonDocument doc = new BsonDocument();
    int fields = random.nextInt(depth == 0 ? 14 : 7);
    for (int i = 0; i < fields; i++) {
      doc.put(key(), value(depth + 1));
    }
    // Now and then a raw (binary-backed) document, which the digest must read the same way.
    if (depth > 0 && random.nextInt(10) == 0) {
      try {
        return new RawBsonDocument(doc, new BsonDocumentCodec());
      } catch (BsonSerializationException e) {
        return doc; // BSON itself cannot hold a NUL in a key or a regex
      }
    }
    return doc;
  }

  private BsonValue value(int depth) {
    int kind = random.nextInt(depth < 4 ? 26 : 22);
    return switch (kind) {
      case 0, 1, 2, 3 -> new BsonString(string(random.nextInt(50) == 0 ? 3000 : 24));
      case 4, 5 ->
          new BsonInt32(random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(2000) - 1000);
      case 6 ->
          new BsonInt64(
              random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100_000) - 50_000);
      case 7 -> new BsonDouble(aDouble());
      case 8 -> new BsonDecimal128(aDecimal());
      case 9 -> new BsonDateTime(aDate());
      case 10 -> BsonNull.VALUE;
      case 11 -> BsonBoolean.valueOf(random.nextBoolean());
      case 12 -> new BsonObjectId(new ObjectId(bytes(12)));
      case 13 ->
          new BsonBinary(
              (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0x80, 0xff}[random.nextInt(11)],
              bytes(random.nextInt(40)));
      case 14 -> new BsonRegularExpression(string(12), options());
      case 15 ->
          random.nextBoolean()
              ? new BsonTimestamp(random.nextLong())
              : new BsonTimestamp(random.nextInt(), random.nextInt());
      case 16 -> new BsonSymbol(string(10));
      case 17 -> new BsonJavaScript(string(30));
      case 18 -> new BsonDbPointer(string(10), new ObjectId(bytes(12)));
      case 19 -> new BsonUndefined();
      case 20 -> random.nextBoolean() ? new BsonMinKey() : new BsonMaxKey();
      case 21 -> new BsonArray();
      case 22, 23 -> document(depth);
      case 24 -> array(depth);
      default -> new BsonJavaScriptWithScope(string(20), document(depth));
    };
  }

  private BsonArray array(int depth) {
    BsonArray array = new BsonArray();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      array.add(random.nextInt(3) == 0 ? document(depth + 1) : value(depth + 1));
    }
    return array;
  }

  /** Short keys from a few prefixes, so sorting meets shared prefixes, case and non-ASCII. */
  private String key() {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> SPECIAL_KEYS[random.nextInt(SPECIAL_KEYS.length)];
      case 2 -> string(8);
      default -> {
        String k = "k" + (char) ('a' + random.nextInt(8));
        yield random.nextBoolean() ? k : k + (char) ('A' + random.nextInt(8));
      }
    };
  }

  public String string(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length + 2);
    while (s.length() < length) {
      int pick = random.nextInt(20);
      if (pick < 10) {
        s.append((char) (0x20 + random.nextInt(0x5f))); // printable ASCII
      } else if (pick < 12) {
        s.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
      } else if (pick < 14) {
        s.append((char) random.nextInt(0x100)); // controls and Latin-1
      } else if (pick < 17) {
        s.append((char) random.nextInt(0x10000)); // any BMP char, lone surrogates included
      } else if (pick < 19) {
        s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
      } else {
        s.append((char) (0xd800 + random.nextInt(0x800))); // a lone or mis-ordered surrogate
      }
    }
    return s.toString();
  }

  private String options() {
    StringBuilder s = new StringBuilder();
    for (char c : "imxslu".toCharArray()) {
      if (random.nextInt(3) == 0) {
        s.append(c);
      }
    }
    return s.toString();
  }

  private double aDouble() {
    return switch (random.nextInt(6)) {
      case 0 ->
          new double[] {
                0.0,
                -0.0,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                1.0,
                0.1,
                1e7,
                1e-3
              }
              [random.nextInt(11)];
      case 1 -> Double.longBitsToDouble(random.nextLong()); // every exponent, NaN payloads
      case 2 -> random.nextInt(100_000) / 100.0;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  private Decimal128 aDecimal() {
    return switch (random.nextInt(5)) {
      case 0 ->
          new Decimal128[] {
                Decimal128.NaN,
                Decimal128.NEGATIVE_NaN,
                Decimal128.POSITIVE_INFINITY,
                Decimal128.NEGATIVE_INFINITY,
                Decimal128.POSITIVE_ZERO,
                Decimal128.NEGATIVE_ZERO
              }
              [random.nextInt(6)];
      case 1 -> Decimal128.fromIEEE754BIDEncoding(random.nextLong(), random.nextLong());
      case 2 ->
          Decimal128.parse(
              (random.nextInt(2_000_000) - 1_000_000) + "E" + (random.nextInt(80) - 40));
      default ->
          Decimal128.parse(
              random.nextInt(1_000_000) + "." + String.format("%02d", random.nextInt(100)));
    };
  }

  private long aDate() {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextLong();
      case 1 -> -62_135_596_800_000L - random.nextInt(1_000_000_000); // before year 1
      case 2 -> 253_402_300_800_000L + random.nextInt(1_000_000_000); // after 9999
      default ->
          (long) (random.nextDouble() * 4_102_444_800_000L) - 2_208_988_800_000L; // 1900..2100
    };
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
