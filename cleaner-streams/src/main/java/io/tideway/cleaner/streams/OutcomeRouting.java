package io.tideway.cleaner.streams;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Places outcome blocks on the repartition topic where the producer's default partitioner puts
 * their key ({@link BuiltInPartitioner#partitionForKey}, as when every outcome was its own record),
 * so a document's sightings stay on one dedup partition across an upgrade; a block's key is its
 * first outcome's routing key and the clean stage groups outcomes by {@link #partitionOf}. It also
 * tells the clean stage the topic's partition count, which it learns from the first record it
 * places: until then the clean stage sends single outcomes.
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
    // Kafka Streams fixes an internal topic's partition count, so it cannot change under a block.
    partitions.set(count);
    return Optional.of(Set.of(partitionOf(key, count)));
  }
}
