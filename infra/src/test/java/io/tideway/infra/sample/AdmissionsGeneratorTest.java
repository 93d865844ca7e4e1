package io.tideway.infra.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionsGeneratorTest {

  private static String generate(long rows, long dups, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AdmissionsGenerator(rows, dups, seed).write(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void referenceSampleHasExactlyTheDeclaredDuplicates() throws IOException {
    long dups = AdmissionsGenerator.duplicatesFor(55_500, 0.00962);
    assertThat(dups).isEqualTo(534);
    String csv = generate(55_500, dups, 42);
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertThat(lines.get(0)).isEqualTo(String.join(",", AdmissionsGenerator.HEADER));
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).hasSize(55_500);
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r, 1, Integer::sum));
    long extraCopies = counts.values().stream().mapToLong(c -> c - 1).sum();
    assertThat(extraCopies).isEqualTo(534);
    // Unique after case-folding too, so cleaning (title case) cannot merge two unique rows.
    assertThat(rows.stream().map(String::toLowerCase).distinct().count()).isEqualTo(54_966);
  }

  @Test
  void isDeterministicForASeedAndDiffersAcrossSeeds() throws IOException {
    assertThat(generate(500, 5, 7)).isEqualTo(generate(500, 5, 7));
    assertThat(generate(500, 5, 7)).isNotEqualTo(generate(500, 5, 8));
  }

  @Test
  void writesCrlfQuotedCommasMixedCaseNamesAndNegativeAmounts() throws IOException {
    String csv = generate(20_000, 0, 1);
    assertThat(csv).doesNotContain("\n\n").contains("\r\n");
    assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
    assertThat(csv).containsPattern("\"[^\"]*, [^\"]*\"");
    assertThat(csv).containsPattern(",-\\d+\\.\\d+,");
    String[] lines = csv.split("\r\n");
    long mixed =
        Arrays.stream(lines)
            .skip(1)
            .map(l -> l.substring(0, l.indexOf(',')))
            .filter(n -> !n.equals(n.toUpperCase()) && !n.equals(n.toLowerCase()))
            .count();
    assertThat(mixed).isGreaterThan(1000);
  }

  @Test
  void refusesMoreDuplicatesThanRows() {
    assertThatThrownBy(() -> new AdmissionsGenerator(10, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicates");
  }
}
