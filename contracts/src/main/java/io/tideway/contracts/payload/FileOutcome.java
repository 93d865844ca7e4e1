package io.tideway.contracts.payload;

/**
 * What a VERIFIED file amounts to, at a glance: every row is accounted for, but not every row may
 * be a document. The thresholds are the verifier's settings ({@code tideway.verifier.outcome.*}).
 */
public enum FileOutcome {
  /** Nothing rejected (or too little to mark), documents loaded. */
  CLEAN,
  /** Some rows rejected: above {@code with-rejects-above}, below {@code mostly-rejected-at}. */
  WITH_REJECTS,
  /** At least {@code mostly-rejected-at} of the rows rejected. */
  MOSTLY_REJECTED,
  /** Rows were read but MongoDB holds no document of the file (all rejected or duplicates). */
  NOTHING_LOADED
}
