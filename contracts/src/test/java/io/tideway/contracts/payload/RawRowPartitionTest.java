package io.tideway.contracts.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where ingest puts a row on the raw topic: equal rows together, a file's rows spread. */
class RawRowPartitionTest {

  private static RawRow row(long n, String... values) {
    return RawRow.row("f1", n, n + 1, List.of(values), null, Instant.EPOCH);
  }

  @Test
  void rowsThatDifferOnlyInCasingOrWhiteSpaceShareAPartition() {
    RawRow first = row(1, " bobby  JACKSON ", "30", "Cancer");
    RawRow later = row(9, "Bobby Jackson", "30", " cancer");
    for (int partitions : new int[] {2, 3, 7, 12}) {
      assertThat(later.partition(partitions)).isEqualTo(first.partition(partitions));
    }
  }

  @Test
  void valuesKeepTheirBoundariesAndTheirInnerSpaces() {
    assertThat(RawRow.normalizedHash(List.of("ab", "")))
        .isNotEqualTo(RawRow.normalizedHash(List.of("a", "b")));
    assertThat(RawRow.normalizedHash(List.of("ann lee")))
        .isNotEqualTo(RawRow.normalizedHash(List.of("annlee")));
  }

  @Test
  void aFilesRowsSpreadOverEveryPartition() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      used.add(row(i, "name " + i, Integer.toString(20 + i % 50), "Asthma").partition(3));
    }
    assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void aRowIngestCouldNotSplitGoesByItsNumber() {
    RawRow broken =
        RawRow.row(
            "f1",
            4,
            5,
            List.of("a"),
            new RowEnvelope.RowError("unterminated quote", "\"a"),
            Instant.EPOCH);
    assertThat(broken.partition(3)).isEqualTo(Math.floorMod(Long.hashCode(4), 3));
  }
}
