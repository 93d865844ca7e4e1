package io.tideway.loader.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RewindPositionsTest {

  private static final TopicPartition P0 = new TopicPartition("cleaned", 0);

  /** batch first offset, committed offset (null: none), owned, expected position (null: none). */
  static Stream<Arguments> cases() {
    return Stream.of(
        // The transaction was aborted: the group is still at the batch's start.
        Arguments.of(4000L, 4000L, true, 4000L),
        // It committed although the client saw a failure: re-reading the batch would receipt it
        // twice, so continue after it.
        Arguments.of(4000L, 5000L, true, 5000L),
        // Nothing ever committed on the partition: the batch start is all we know.
        Arguments.of(0L, null, true, 0L),
        // Committed behind the batch start (transaction markers in between): the group's word.
        Arguments.of(4002L, 4000L, true, 4000L),
        // Revoked meanwhile: its next owner reads from the committed offset, no seek here.
        Arguments.of(4000L, 5000L, false, null));
  }

  @ParameterizedTest(name = "first {0}, committed {1}, owned {2} -> {3}")
  @MethodSource("cases")
  void seeksToTheCommittedOffsetWhereThereIsOne(
      long first, Long committed, boolean owned, Long expected) {
    Map<TopicPartition, OffsetAndMetadata> committedMap = new HashMap<>();
    committedMap.put(P0, committed == null ? null : new OffsetAndMetadata(committed));

    Map<TopicPartition, Long> positions =
        RewindPositions.of(Map.of(P0, first), committedMap, owned ? Set.of(P0) : Set.of());

    if (expected == null) {
      assertThat(positions).isEmpty();
    } else {
      assertThat(positions).containsExactly(Map.entry(P0, expected));
    }
  }
}
