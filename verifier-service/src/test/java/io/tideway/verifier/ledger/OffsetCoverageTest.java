package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetCoverageTest {

  /** Ranges added (from, to pairs), then the probe range, whether covered, whether overlapping. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new long[] {}, 0, 9, false, false),
        Arguments.of(new long[] {0, 9}, 0, 9, true, true),
        Arguments.of(new long[] {0, 9}, 3, 5, true, true),
        Arguments.of(new long[] {0, 9}, 10, 19, false, false),
        // A batch re-read with other boundaries: starts inside, ends beyond.
        Arguments.of(new long[] {0, 44}, 0, 49, false, true),
        // Touching ranges merge: a range spanning two counted batches is covered.
        Arguments.of(new long[] {0, 49, 50, 99}, 20, 80, true, true),
        // A gap between two counted batches is not covered.
        Arguments.of(new long[] {0, 49, 60, 99}, 20, 80, false, true),
        Arguments.of(new long[] {0, 49, 60, 99}, 50, 59, false, false),
        // Added out of order and overlapping: still one range.
        Arguments.of(new long[] {50, 99, 0, 60}, 0, 99, true, true));
  }

  @ParameterizedTest(name = "{index}: probe {1}-{2}")
  @MethodSource("cases")
  void coversAndOverlapsFollowTheCountedRanges(
      long[] added, long from, long to, boolean covers, boolean overlaps) {
    OffsetCoverage c = new OffsetCoverage();
    for (int i = 0; i < added.length; i += 2) {
      c.add(added[i], added[i + 1]);
    }

    assertThat(c.covers(from, to)).as("covers").isEqualTo(covers);
    assertThat(c.overlaps(from, to)).as("overlaps").isEqualTo(overlaps);
  }

  @org.junit.jupiter.api.Test
  void touchingAndOverlappingRangesAreMerged() {
    OffsetCoverage c = new OffsetCoverage();
    c.add(100, 149);
    c.add(0, 49);
    c.add(50, 99);
    c.add(200, 210);
    c.add(205, 220);

    assertThat(c.ranges()).isEqualTo(Map.of(0L, 149L, 200L, 220L));
  }
}
