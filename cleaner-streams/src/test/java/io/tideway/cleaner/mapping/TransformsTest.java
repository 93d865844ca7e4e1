package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.Transform;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written string steps mean exactly what their regexes say. */
class TransformsTest {

  // Every \s char, the line terminators the regex's $ treats specially, punctuation, letters, a
  // no-break space (not \s) and a non-Latin-1 letter.
  private static final String ALPHABET = " \t\n\u000B\f\r.,;:!?aZ\u00a0\u0085\u2028\u2029\u0416";

  @Test
  void collapseSpacesEqualsTheRegexOnRandomStrings() {
    equalsTheRegex(
        Transform.COLLAPSE_SPACES, s -> Transforms.SPACES.matcher(s).replaceAll(" "), 20261201L);
  }

  @Test
  void stripTrailingPunctuationEqualsTheRegexOnRandomStrings() {
    equalsTheRegex(
        Transform.STRIP_TRAILING_PUNCTUATION,
        s -> Transforms.TRAILING_PUNCTUATION.matcher(s).replaceFirst(""),
        20261202L);
  }

  private static void equalsTheRegex(
      Transform step, java.util.function.UnaryOperator<String> regex, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      String s = randomString(random);
      assertThat(Transforms.apply(step, s)).as("'%s'", s).isEqualTo(regex.apply(s));
    }
  }

  @Test
  void aCellWithNothingToChangeIsReturnedAsItIs() {
    String cell = "Bobby Jackson";
    assertThat(Transforms.collapseSpaces(cell)).isSameAs(cell);
    assertThat(Transforms.stripTrailingPunctuation(cell)).isSameAs(cell);
    assertThat(Transforms.collapseSpaces("a \t b\r\nc")).isEqualTo("a b c");
    assertThat(Transforms.stripTrailingPunctuation("Dr. Who?!. \t")).isEqualTo("Dr. Who");
    assertThat(Transforms.stripTrailingPunctuation("end.\u2028")).isEqualTo("end\u2028");
  }

  private static String randomString(Random random) {
    int length = random.nextInt(9);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
