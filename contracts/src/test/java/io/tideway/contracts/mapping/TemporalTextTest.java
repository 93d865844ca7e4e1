package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemporalTextTest {

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "yyyy-MM-dd|2021-06-18|2021-06-18",
        "yyyy-MM-dd|2024-02-29|2024-02-29",
        "yyyy-MM-dd|2023-02-29|none",
        "yyyy-MM-dd|2024-02-30|none",
        "yyyy-MM-dd|2021-13-01|none",
        "yyyy-MM-dd|2021-00-10|none",
        "yyyy-MM-dd|2021-6-18|none",
        "yyyy-MM-dd|2021/06/18|none",
        "yyyy-MM-dd|+2021-06-1|none",
        "dd.MM.yyyy|18.06.2021|2021-06-18",
        "dd.MM.yyyy|31.04.2021|none",
        "MM/dd/yyyy|06/18/2021|2021-06-18",
        "MM/dd/yyyy|18/06/2021|none",
        "yyyyMMdd|20210618|2021-06-18",
        "yyyy-MM-dd'T'HH:mm|2021-06-18T10:15|2021-06-18",
      })
  void readsADateOnlyWhenThePatternGivesOne(String pattern, String text, String expected) {
    LocalDate date = TemporalText.of(List.of(pattern)).date(text);
    assertThat(date).isEqualTo(expected == null ? null : LocalDate.parse(expected));
  }

  @Test
  void theFixedWidthReadingAnswersExactlyAsTheFormatter() {
    // Texts of each pattern's shape with random digits (impossible months and days included),
    // and with one character replaced by anything a file might hold there.
    List<String> patterns =
        List.of("yyyy-MM-dd", "dd.MM.yyyy", "MM/dd/yyyy", "yyyyMM[dd]", "dd-MM-yyyy", "yyyy MM dd");
    String noise = "0123456789-./ +:aZ[]";
    Random random = new Random(20261202);
    for (String pattern : patterns) {
      TemporalText t = TemporalText.of(List.of(pattern));
      for (int n = 0; n < 20_000; n++) {
        StringBuilder text = new StringBuilder();
        for (char p : pattern.toCharArray()) {
          text.append(p == 'y' || p == 'M' || p == 'd' ? (char) ('0' + random.nextInt(10)) : p);
        }
        if (n % 3 == 0) {
          text.setCharAt(
              random.nextInt(text.length()), noise.charAt(random.nextInt(noise.length())));
        }
        if (n % 7 == 0) {
          text.setLength(random.nextInt(text.length() + 1));
        }
        String s = text.toString();
        assertThat(t.date(s)).as("%s: '%s'", pattern, s).isEqualTo(t.dateByFormatters(s));
      }
    }
  }
}
