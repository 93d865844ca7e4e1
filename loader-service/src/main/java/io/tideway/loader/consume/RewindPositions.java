package io.tideway.loader.consume;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where to re-read after a receipt transaction that failed or whose outcome is unknown: the group's
 * committed offset, since everything before it is receipted and nothing after it is. The batch's
 * first offset is only a fallback for a partition that never had an offset committed; taking it
 * blindly re-read batches that were in fact committed, and receipted them a second time.
 */
final class RewindPositions {

  private RewindPositions() {}

  /**
   * The position to seek to for each partition of the batch this consumer still owns ({@code
   * owned}); {@code committed} maps a partition to null (or omits it) when nothing was committed.
   */
  static Map<TopicPartition, Long> of(
      Map<TopicPartition, Long> batchFirst,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Set<TopicPartition> owned) {
    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    batchFirst.forEach(
        (tp, first) -> {
          if (owned.contains(tp)) {
            OffsetAndMetadata c = committed.get(tp);
            positions.put(tp, c == null ? first : c.offset());
          }
        });
    return positions;
  }
}
