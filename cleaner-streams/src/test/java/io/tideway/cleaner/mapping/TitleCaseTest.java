package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleCaseTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bobby JacksOn|Bobby Jackson",
        "LESLIE TERRY|Leslie Terry",
        "dr. john smith md|Dr. John Smith MD",
        "mr. daniel parker dds|Mr. Daniel Parker DDS",
        "jane doe phd|Jane Doe PhD",
        "JANE DOE PHD|Jane Doe PhD",
        "rex the dog dvm|Rex The Dog DVM",
        "john smith jr.|John Smith Jr.",
        "JOHN SMITH SR|John Smith Sr",
        "henry ford ii|Henry Ford II",
        "HENRY FORD III|Henry Ford III",
        "louis iv|Louis IV",
        "john smith, md|John Smith, MD",
        "john smith jr., phd|John Smith Jr., PhD",
        "ronald mcdonald|Ronald McDonald",
        "MCKENZIE|McKenzie",
        "mc|Mc",
        "seamus o'brien|Seamus O'Brien",
        "D'ANGELO|D'Angelo",
        "mary garcia-lopez|Mary Garcia-Lopez",
        "anne-marie o'neil-mcbride|Anne-Marie O'Neil-McBride",
        "anh do|Anh Do",
        "élodie ÉCLAIR|Élodie Éclair",
        "(john)|(John)",
        "x|X",
      })
  void titleCases(String in, String expected) {
    assertThat(TitleCase.apply(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'  two   spaces '|'  Two   Spaces '", "''|''"})
  void keepsWhitespaceAsIs(String in, String expected) {
    assertThat(TitleCase.apply(in)).isEqualTo(expected);
  }

  @Test
  void asciiWordsInPlaceAnswerExactlyAsTheGeneralPath() {
    // Random words over the characters every rule looks at: fixed tokens, Mc, apostrophes,
    // hyphens, surrounding punctuation, digits, mixed case.
    String alphabet = "aAbmMcCoOdDiIvVsSrRjJpPhH'-.,()0 ";
    Random random = new Random(20261202);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(14);
      for (int i = 0; i < length; i++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String in = value.toString();
      assertThat(TitleCase.apply(in, true)).as("'%s'", in).isEqualTo(TitleCase.apply(in, false));
    }
  }
}
