package io.tideway.contracts.payload;

/**
 * The verifier's view of a file; VERIFIED, FAILED, MISMATCH and ROLLED_BACK are final until
 * re-audit. WAITING: the file cannot be verified because MongoDB does not answer (the cause is in
 * {@code problems}); a delay, not a finding, so it is not settled.
 */
public enum FileStatus {
  DISCOVERED,
  INGESTING,
  INGESTED,
  VERIFIED,
  FAILED,
  MISMATCH,
  STALLED,
  ROLLED_BACK,
  WAITING;

  /** Whether {@code ./pipeline run} may stop waiting for this file. */
  public boolean settled() {
    return this == VERIFIED || this == FAILED || this == MISMATCH || this == ROLLED_BACK;
  }
}
