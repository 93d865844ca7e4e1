package io.tideway.verifier.ledger;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.reconcile.Expected;
import java.time.Duration;
import java.time.Instant;

/**
 * The settle timeout of a completed file, as pure functions: the clock restarts on every rise of
 * either side's count, and a file MongoDB does not answer for waits instead of turning MISMATCH.
 */
final class SettleRule {

  /** What the timeout check does with a file. */
  enum Step {
    /** Nothing changes. */
    KEEP,
    /** MongoDB does not answer: WAITING with the cause, however long it takes. */
    WAIT,
    /** MongoDB answers again: back to INGESTED, with a fresh settle clock. */
    RESUME,
    /** No progress and no answer for the whole timeout while MongoDB answered: a finding. */
    MISMATCH
  }

  private SettleRule() {}

  /**
   * The step for a file in {@code status} whose settle clock runs from {@code settleFrom}.
   *
   * @param unanswered why MongoDB did not answer the file's last check or the store probe; null
   *     when it answers
   */
  static Step step(
      FileStatus status, String unanswered, Instant settleFrom, Instant now, Duration timeout) {
    if (status != FileStatus.INGESTED && status != FileStatus.WAITING) {
      return Step.KEEP;
    }
    if (unanswered != null) {
      return Step.WAIT;
    }
    if (status == FileStatus.WAITING) {
      return Step.RESUME;
    }
    boolean expired = settleFrom != null && !now.isBefore(settleFrom.plus(timeout));
    return expired ? Step.MISMATCH : Step.KEEP;
  }

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
