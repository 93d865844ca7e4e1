package io.tideway.cleaner.streams;

import java.util.List;

/**
 * One record on the repartition topic ({@link OutcomeBlockSerde}): the outcomes of one raw block
 * bound for one partition of the dedup, in file order, or a single outcome routed by its key.
 *
 * @param partition the repartition partition every outcome's {@link CleanOutcome#routingKey()}
 *     hashes to, or {@link #BY_KEY} for a single outcome partitioned by its record key
 */
public record OutcomeBlock(int partition, List<CleanOutcome> outcomes) {

  /** The partition of a single outcome sent before the partition count is known: by its key. */
  public static final int BY_KEY = -1;

  public OutcomeBlock {
    outcomes = List.copyOf(outcomes);
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("an outcome block holds at least one outcome");
    }
    if (partition == BY_KEY && outcomes.size() > 1) {
      throw new IllegalArgumentException("only a single outcome is routed by its key");
    }
  }

  /** A single outcome, routed by its key. */
  public static OutcomeBlock of(CleanOutcome outcome) {
    return new OutcomeBlock(BY_KEY, List.of(outcome));
  }
}
