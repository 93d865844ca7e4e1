package io.tideway.verifier.ledger;

import io.tideway.verifier.lag.GroupLag;
import java.util.List;

/**
 * How many records the cleaner and the loader still have to read, from the lag monitor: while a
 * stage has input left, a file it has not accounted for yet is delayed, not short. A lag of up to
 * one record per partition is ignored: a transaction's commit marker occupies an offset no consumer
 * ever reads past before the next record arrives. A group the lag monitor watches but that has
 * committed nothing yet counts as behind by an unknown number ({@link #UNKNOWN}): it has not
 * finished its first batch.
 */
public record StagesBehind(long cleaner, long loader) {

  /** The cleaner's consumer group (its Kafka Streams application id). */
  public static final String CLEANER_GROUP = "tideway-cleaner";

  /** The loader's consumer group. */
  public static final String LOADER_GROUP = "tideway-loader";

  /** A stage that has committed no offset yet: behind, by how much is not known. */
  public static final long UNKNOWN = -1;

  /** Nothing known to be pending. */
  public static final StagesBehind NONE = new StagesBehind(0, 0);

  /** The records each stage has left to read, beyond the commit markers. */
  public static StagesBehind of(List<GroupLag> groups) {
    return new StagesBehind(pending(groups, CLEANER_GROUP), pending(groups, LOADER_GROUP));
  }

  private static long pending(List<GroupLag> groups, String group) {
    for (GroupLag g : groups) {
      if (g.group().equals(group)) {
        long markers = g.partitions().size();
        return g.found() ? Math.max(0, g.totalLag() - markers) : UNKNOWN;
      }
    }
    return 0;
  }

  /**
   * Why a file whose counts do not add up yet is only delayed, or null when no stage it waits for
   * has input left (then the settle timeout may judge it).
   */
  String delay(boolean cleanerDone, boolean loaderDone) {
    if (!cleanerDone && cleaner != 0) {
      return describe("cleaner", cleaner, CLEANER_GROUP);
    }
    if (!loaderDone && loader != 0) {
      return describe("loader", loader, LOADER_GROUP);
    }
    return null;
  }

  private static String describe(String stage, long pending, String group) {
    return pending == UNKNOWN
        ? "the "
            + stage
            + " has not committed its first batch yet (consumer group "
            + group
            + "): delayed, not lost"
        : "the "
            + stage
            + " still has "
            + pending
            + " records to read (consumer lag of "
            + group
            + "): delayed, not lost";
  }
}
