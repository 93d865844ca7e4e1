package io.tideway.verifier.outcome;

import io.tideway.contracts.payload.FileOutcome;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.config.VerifierConfig;

/** Classes a VERIFIED file's outcome by its rejected fraction and what MongoDB holds of it. */
public final class OutcomeRule {

  private OutcomeRule() {}

  /**
   * The outcome of a file in {@code status}; null unless VERIFIED (a file in flight or in error has
   * no outcome yet). {@code documentsInMongo} is null while no check answered.
   */
  public static FileOutcome classify(
      FileStatus status,
      long rowsRead,
      long rejected,
      Long documentsInMongo,
      VerifierConfig.OutcomeConfig thresholds) {
    if (status != FileStatus.VERIFIED) {
      return null;
    }
    if (rowsRead > 0 && documentsInMongo != null && documentsInMongo == 0) {
      return FileOutcome.NOTHING_LOADED;
    }
    if (rejected <= 0 || rowsRead <= 0) {
      return FileOutcome.CLEAN;
    }
    double fraction = (double) rejected / rowsRead;
    if (fraction >= thresholds.getMostlyRejectedAt()) {
      return FileOutcome.MOSTLY_REJECTED;
    }
    return fraction > thresholds.getWithRejectsAbove()
        ? FileOutcome.WITH_REJECTS
        : FileOutcome.CLEAN;
  }
}
