package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberTextTest {

  /** The plain form's definition, which the scanner replaces. */
  private static final Pattern PLAIN = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

  private static final NumberText POINT = new NumberText('.', (char) 0);

  @ParameterizedTest
  @CsvSource({
    "0, true",
    "-12, true",
    "+7.25, true",
    "1234.56, true",
    "1e9, true",
    "2.5E-3, true",
    "1., false",
    ".5, false",
    "1e, false",
    "1e+, false",
    "--1, false",
    "1.2.3, false",
    "1 000, false",
    "١٢, false",
    "'', false"
  })
  void theDefaultConventionTakesPlainNumbersOnly(String text, boolean plain) {
    assertThat(POINT.normalize(text)).isEqualTo(plain ? text : null);
  }

  @Test
  void theScannerAgreesWithTheRegexOnRandomText() {
    String alphabet = "0123456789+-.eE ,x٣";
    Random random = new Random(20261203L);
    int plain = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(9);
      for (int j = 0; j < length; j++) {
        // Digits more often than the rest, so that many candidates are numbers.
        text.append(
            random.nextInt(3) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      String s = text.toString();
      boolean expected = PLAIN.matcher(s).matches();
      assertThat(NumberText.isPlain(s)).as(s).isEqualTo(expected);
      plain += expected ? 1 : 0;
    }
    assertThat(plain).isGreaterThan(10_000);
  }
}
