package io.tideway.verifier.lag;

import java.util.List;

/**
 * The lag of one consumer group, as served by {@code GET /api/lag}.
 *
 * @param found false when the group has no committed offsets (not started yet, or a wrong name)
 */
public record GroupLag(
    String group, boolean found, LagStatus status, long totalLag, List<PartitionLag> partitions) {

  /** One partition of the group. */
  public record PartitionLag(
      String topic, int partition, long committed, long end, long lag, LagStatus status) {}
}
