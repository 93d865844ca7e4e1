package io.tideway.cleaner.streams;

import java.util.List;

/**
 * One record on the repartition topic ({@link OutcomeBlockSerde}): outcomes of one raw block whose
 * routing keys ({@link CleanOutcome#routingKey()}) all hash to one dedup partition, in file order.
 * The record's key is the first outcome's routing key, so the record lands where each of its
 * outcomes would alone ({@link OutcomeRouting}).
 */
public record OutcomeBlock(List<CleanOutcome> outcomes) {

  public OutcomeBlock {
    outcomes = List.copyOf(outcomes);
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("an outcome block holds at least one outcome");
    }
  }

  /** A block of one outcome. */
  public static OutcomeBlock of(CleanOutcome outcome) {
    return new OutcomeBlock(List.of(outcome));
  }
}
