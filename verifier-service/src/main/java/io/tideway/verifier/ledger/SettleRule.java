package io.tideway.verifier.ledger;

import io.tideway.verifier.reconcile.Expected;
import java.time.Instant;

/**
 * The settle clock of a completed file, as a pure function: it restarts on every rise of either
 * side's count. What happens when it runs out is {@link
 * io.tideway.verifier.lifecycle.FileLifecycle}'s.
 */
final class SettleRule {

  private SettleRule() {}

  /**
   * Where the settle clock runs from after the counts went from {@code before} (null: none yet) to
   * {@code now} at {@code at}: any rise of the cleaner's or the loader's count is progress and
   * restarts it, so that only a file that stopped moving for the whole timeout can be a finding.
   */
  static Instant restart(Instant settleFrom, Expected before, Expected now, Instant at) {
    if (settleFrom == null || at == null || !at.isAfter(settleFrom)) {
      return settleFrom;
    }
    long cleanerBefore = before == null ? 0 : cleanerAccounted(before);
    long loaderBefore = before == null ? 0 : loaderAccounted(before);
    boolean progress = cleanerAccounted(now) > cleanerBefore || loaderAccounted(now) > loaderBefore;
    return progress ? at : settleFrom;
  }

  private static long cleanerAccounted(Expected e) {
    return e.cleaned() + e.duplicates() + e.rejected();
  }

  private static long loaderAccounted(Expected e) {
    return e.inserted() + e.matched() + e.failed();
  }
}
