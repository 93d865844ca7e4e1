package io.tideway.verifier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag of a partition: what lies between committed and end, less what nobody can read. */
class GapLagTest {

  private static final TopicPartition TP = new TopicPartition("t", 0);

  private final List<String> probed = new ArrayList<>();

  private LagMonitor monitor(boolean nothingToRead) {
    return new LagMonitor(
        null,
        List.of(),
        3,
        0,
        (tp, from, end) -> {
          probed.add(from + "-" + end);
          return nothingToRead;
        });
  }

  @Test
  void aGapOfOnlyTransactionMarkersIsNoLag() {
    LagMonitor m = monitor(true);
    assertThat(m.lag(TP, 11, 12)).isZero();
    assertThat(m.lag(TP, 11, 12)).isZero();
    assertThat(probed).as("read once per gap").containsExactly("11-12");
    assertThat(m.lag(TP, 20, 26)).isZero();
    assertThat(probed).containsExactly("11-12", "20-26");
  }

  @Test
  void aGapWithRecordsIsLag() {
    LagMonitor m = monitor(false);
    assertThat(m.lag(TP, 11, 12)).isEqualTo(1);
    assertThat(m.lag(TP, 0, 500)).isEqualTo(500);
  }

  @Test
  void noGapAndLargeGapsAreNotRead() {
    LagMonitor m = monitor(true);
    assertThat(m.lag(TP, 12, 12)).isZero();
    assertThat(m.lag(TP, 12, 10)).as("never negative").isZero();
    assertThat(m.lag(TP, 0, LagMonitor.PROBED_GAP + 1)).isEqualTo(LagMonitor.PROBED_GAP + 1);
    assertThat(probed).isEmpty();
  }

  @Test
  void withoutAProbeEveryGapIsLag() {
    LagMonitor m = new LagMonitor(null, List.of(), 3, 0);
    assertThat(m.lag(TP, 11, 12)).isEqualTo(1);
  }
}
