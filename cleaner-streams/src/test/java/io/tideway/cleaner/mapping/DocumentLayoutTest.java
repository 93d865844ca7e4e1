package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.bson.BsonBytes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentLayoutTest {

  /**
   * Each case: dotted paths set in order, against setting them one by one on a {@code BsonDocument}
   * and encoding it, as the cleaner did before it wrote BSON directly.
   */
  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("flat", List.of("_id", "a", "b", "c")),
        Arguments.of("nested in first-use order", List.of("_id", "p.name", "age", "p.gender")),
        Arguments.of("deeply nested", List.of("_id", "a.b.c", "a.b.d", "a.e", "f")),
        Arguments.of("a later field into an earlier branch", List.of("_id", "s.in", "x", "s.days")),
        Arguments.of("a path through a value replaces it", List.of("_id", "a", "b", "a.c")),
        Arguments.of("the same field twice keeps its place", List.of("_id", "a", "b", "a")),
        Arguments.of("a value replaces a branch", List.of("_id", "a.x", "b", "a")),
        Arguments.of(
            "_source set whole, then its fields",
            List.of("_id", "v", "_source.mine", "_source", "_source.file_id", "_source.row")),
        Arguments.of(
            "every type a row holds, null and an array included",
            List.of("_id", "a", "b", "c.d", "c.e", "f", "g", "h", "i")),
        Arguments.of(
            "a type the library writes (ObjectId)",
            List.of("_id", "a", "b", "c.d", "c.e", "f", "g", "h", "i", "j")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void writesTheBytesOfSettingEachPathOnADocument(String name, List<String> dotted) {
    List<String[]> paths = dotted.stream().map(p -> p.split("\\.")).toList();
    BsonValue[] values = new BsonValue[paths.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = sample(i);
    }
    BsonDocument expected = new BsonDocument();
    for (int i = 0; i < values.length; i++) {
      put(expected, paths.get(i), values[i]);
    }

    byte[] written = DocumentLayout.of(paths).bytes(values);

    assertThat(written).isEqualTo(BsonBytes.write(expected));
    assertThat(Arrays.equals(written, BsonBytes.write(new BsonDocument()))).isFalse();
  }

  @Test
  void valuesWrittenByHandAreTheLibrarysBytes() {
    List<BsonValue> values =
        List.of(
            new BsonString(""),
            new BsonString("Zoë Ångström"),
            new BsonString("東京 and 🚑 (four bytes)"),
            new BsonString("unpaired \uD800 and \uDC00 surrogates"),
            new BsonString("a \0 inside a value"),
            new BsonInt32(Integer.MIN_VALUE),
            new BsonInt64(Long.MAX_VALUE),
            new BsonDouble(-0.0),
            new BsonDouble(Double.NaN),
            new BsonDecimal128(
                new Decimal128(new java.math.BigDecimal("-0.000123456789012345678"))),
            new BsonDecimal128(Decimal128.NaN),
            new BsonDateTime(-62_135_596_800_000L),
            new BsonArray(),
            new BsonArray(
                Stream.generate(() -> (BsonValue) new BsonString("w")).limit(65).toList()));
    for (BsonValue v : values) {
      List<String[]> paths = List.of(new String[] {"_id"}, new String[] {"p", "ünïcode name"});
      BsonValue[] row = {new BsonString("id"), v};
      assertThat(DocumentLayout.of(paths).bytes(row))
          .as("%s", v)
          .isEqualTo(BsonBytes.write(w -> DocumentLayout.of(paths).write(w, row)));
    }
  }

  /** One value of each type a cleaned row holds, and one the layout hands to the library. */
  private static BsonValue sample(int i) {
    BsonValue[] kinds = {
      new BsonString("text " + i),
      new BsonInt32(i),
      new BsonInt64(10_000_000_000L + i),
      new BsonDouble(i + 0.5),
      new BsonDecimal128(new Decimal128(new java.math.BigDecimal("18856.28" + i))),
      BsonBoolean.valueOf(i % 2 == 0),
      new BsonDateTime(1_700_000_000_000L + i),
      BsonNull.VALUE,
      new BsonArray(List.of(new BsonString("w" + i), new BsonString("x"))),
      new BsonObjectId()
    };
    return kinds[i % kinds.length];
  }

  /** The reference: a dotted path set on a document, nested documents created at first use. */
  private static void put(BsonDocument doc, String[] path, BsonValue value) {
    BsonDocument at = doc;
    for (int i = 0; i < path.length - 1; i++) {
      BsonValue next = at.get(path[i]);
      if (next == null || !next.isDocument()) {
        next = new BsonDocument();
        at.put(path[i], next);
      }
      at = next.asDocument();
    }
    at.put(path[path.length - 1], value);
  }
}
