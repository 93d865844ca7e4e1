package io.tideway.verifier.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectIndexTest {

  @Test
  void keepsOneRangePerPartitionAndCountsEachRecordOnce() {
    RejectIndex index = new RejectIndex();
    index.add("a", 1, 10);
    index.add("a", 0, 4);
    index.add("b", 1, 11);
    index.add("a", 1, 12);
    index.add("a", 1, 12); // read again after a reassignment: not a new reject
    index.add("a", 1, 9); // lower than what is known: already inside the range
    index.add(null, 0, 1);

    assertThat(index.spans("a"))
        .containsExactly(new RejectIndex.Span(0, 4, 4), new RejectIndex.Span(1, 10, 12));
    assertThat(index.count("a")).isEqualTo(3);
    assertThat(index.spans("b")).containsExactly(new RejectIndex.Span(1, 11, 11));
    assertThat(index.spans("none")).isEmpty();
    assertThat(index.count("none")).isZero();
  }
}
