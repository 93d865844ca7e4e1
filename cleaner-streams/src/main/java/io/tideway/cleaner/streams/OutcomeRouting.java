package io.tideway.cleaner.streams;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Places outcome blocks on the repartition topic. An outcome's partition is the one the producer's
 * default partitioner gives its routing key ({@link BuiltInPartitioner#partitionForKey}), as when
 * every outcome was its own record, so a document's sightings stay on one dedup partition across an
 * upgrade. The partition count is learnt from the first record placed: until then the clean stage
 * sends single outcomes, which this places by their key.
 */
final class OutcomeRouting implements StreamPartitioner<String, OutcomeBlock> {

  private final AtomicInteger partitions = new AtomicInteger();

  /** The repartition topic's partition count, or 0 while no record was placed yet. */
  int partitions() {
    return partitions.get();
  }

  /** The partition of {@code routingKey} among {@code count} partitions. */
  static int partitionOf(String routingKey, int count) {
    return BuiltInPartitioner.partitionForKey(routingKey.getBytes(StandardCharsets.UTF_8), count);
  }

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, OutcomeBlock block, int count) {
    partitions.set(count);
    int p = block.partition() == OutcomeBlock.BY_KEY ? partitionOf(key, count) : block.partition();
    if (p >= count) {
      throw new IllegalStateException(
          topic
              + " has "
              + count
              + " partitions, fewer than when this block was cut; restart the cleaner");
    }
    return Optional.of(Set.of(p));
  }
}
