package io.tideway.contracts.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogSafeTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("plain name", "admissions.csv", "admissions.csv"),
        Arguments.of("spaces, unicode, HTML", "Zoë <b>&amp; 医院.csv", "Zoë <b>&amp; 医院.csv"),
        Arguments.of(
            "forged log line",
            "a.csv\n2026-01-01 INFO file b.csv COMPLETED",
            "a.csv\\n2026-01-01 INFO file b.csv COMPLETED"),
        Arguments.of("carriage return", "a\r.csv", "a\\r.csv"),
        Arguments.of("tab", "a\t.csv", "a\\t.csv"),
        Arguments.of("terminal escape", "a\u001b[31m.csv", "a\\u001b[31m.csv"),
        Arguments.of("NUL and DEL", "a\u0000\u007f.csv", "a\\u0000\\u007f.csv"),
        Arguments.of("C1 next line", "a\u0085.csv", "a\\u0085.csv"),
        Arguments.of("Unicode line separator", "a\u2028.csv", "a\\u2028.csv"),
        Arguments.of("right-to-left override", "a\u202evsc.exe", "a\\u202evsc.exe"),
        Arguments.of("a literal backslash-n stays distinguishable", "a\\n.csv", "a\\\\n.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void escapesWhatCouldForgeOrHideALogLine(String why, String name, String logged) {
    assertThat(LogSafe.of(name)).as(why).isEqualTo(logged);
  }

  @Test
  void everyCharacterComesOutPrintableOnOneLine() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    String safe = LogSafe.of(all);
    assertThat(safe.chars()).noneMatch(Character::isISOControl);
    assertThat(safe).doesNotContain("\u2028", "\u2029", "\u202e");
  }

  @Test
  void nullAndNonStrings() {
    assertThat(LogSafe.of(null)).isEqualTo("null");
    assertThat(LogSafe.of(Path.of("in", "a\nb.csv"))).isEqualTo("in/a\\nb.csv");
  }
}
