package io.tideway.loader.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingRecordsTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void aBatchIsDueByCountAndCutAtTheBatchSize() {
    PendingRecords pending = new PendingRecords(3, Duration.ofHours(1));
    for (int i = 0; i < 4; i++) {
      pending.add(record(P0, i));
    }
    assertThat(pending.batchDue()).isTrue();
    assertThat(pending.takeBatch()).extracting(ParsedRecord::offset).containsExactly(0L, 1L, 2L);
    assertThat(pending.batchDue()).isFalse();
    assertThat(pending.takeAll()).extracting(ParsedRecord::offset).containsExactly(3L);
  }

  @Test
  void aBatchIsDueByTimeAndAnEmptyOneNever() {
    PendingRecords pending = new PendingRecords(1000, Duration.ZERO);
    assertThat(pending.batchDue()).isFalse();
    pending.add(record(P0, 0));
    assertThat(pending.batchDue()).isTrue();
    assertThat(pending.pollTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void droppedPartitionsAreForgotten() {
    PendingRecords pending = new PendingRecords(10, Duration.ofHours(1));
    pending.add(record(P0, 0));
    pending.add(record(P1, 0));
    pending.drop(List.of(P0));
    assertThat(pending.takeAll()).extracting(ParsedRecord::partition).containsExactly(P1);
  }

  private static ParsedRecord record(TopicPartition tp, long offset) {
    return new ParsedRecord(tp, offset, "F1", null, null);
  }
}
