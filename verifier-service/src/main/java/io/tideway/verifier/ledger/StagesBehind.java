package io.tideway.verifier.ledger;

import io.tideway.verifier.lag.GroupLag;
import java.util.List;

/**
 * How many records the cleaner and the loader still have to read, from the lag monitor: while a
 * stage has input left, a file it has not accounted for yet is delayed, not short. A lag of up to
 * one record per partition is ignored: a transaction's commit marker occupies an offset no
 * consumer ever reads past before the next record arrives.
 */
public record StagesBehind(long cleaner, long loader) {

  /** The cleaner's consumer group (its Kafka Streams application id). */
  public static final String CLEANER_GROUP = "tideway-cleaner";
  /** The loader's consumer group. */
  public static final String LOADER_GROUP = "tideway-loader";
  /** Nothing known to be pending. */
  public static final StagesBehind NONE = new StagesBehind(0, 0);

  /** The records each stage has left to read, beyond the commit markers. */
  public static StagesBehind of(List<GroupLag> groups) {
    return new StagesBehind(pending(groups, CLEANER_GROUP), pending(groups, LOADER_GROUP));
  }

  private static long pending(List<GroupLag> groups, String group) {
    for (GroupLag g : groups) {
      if (g.group().equals(group) && g.found()) {
        long markers = g.partitions().size();
        return Math.max(0, g.totalLag() - markers);
      }
    }
    return 0;
  }

  /**
   * Why a file whose counts do not add up yet is only delayed, or null when no stage it waits for
   * has input left (then the settle timeout may judge it).
   */
  String delay(boolean cleanerDone, boolean loaderDone) {
    if (!cleanerDone && cleaner > 0) {
      return "the cleaner still has " + cleaner + " records to read (consumer lag of " + CLEANER_GROUP
          + "): delayed, not lost";
    }
    if (!loaderDone && loader > 0) {
      return "the loader still has " + loader + " records to read (consumer lag of " + LOADER_GROUP
          + "): delayed, not lost";
    }
    return null;
  }
}
