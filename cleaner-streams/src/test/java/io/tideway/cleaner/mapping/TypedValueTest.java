package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class TypedValueTest {

  @Test
  void decimalsAreEncodedAsTheLibraryEncodesThem() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "0",
                "0.00",
                "-0.00",
                "1234.56",
                "-1234.56",
                "100.50",
                "999999999999999999",
                "-999999999999999999",
                "1000000000000000000",
                "0.000000000000000001",
                "1e5",
                "-2.5E-3",
                "12345678901234567890123.5",
                "1E6111",
                "1E-6176",
                "1E6112",
                "1E-6177"));
    Random random = new Random(20261203L);
    for (int i = 0; i < 100_000; i++) {
      long unscaled = random.nextLong() >> random.nextInt(64);
      int scale = random.nextInt(30) - 10;
      texts.add(BigDecimal.valueOf(unscaled, scale).toString());
    }
    for (String text : texts) {
      BigDecimal v = new BigDecimal(text);
      Decimal128 expected;
      try {
        expected = new Decimal128(v);
      } catch (NumberFormatException e) {
        continue; // not representable: the library refuses it, and so does the cleaner
      }
      Decimal128 actual = TypedValue.Parser.decimal128(v);
      assertThat(actual.getHigh()).as(text).isEqualTo(expected.getHigh());
      assertThat(actual.getLow()).as(text).isEqualTo(expected.getLow());
      assertThat(actual.bigDecimalValue()).as(text).isEqualByComparingTo(v);
    }
  }
}
