package io.tideway.contracts.payload;

/** The verifier's view of a file; VERIFIED, FAILED, MISMATCH and ROLLED_BACK are final until re-audit. */
public enum FileStatus {
  DISCOVERED,
  INGESTING,
  INGESTED,
  VERIFIED,
  FAILED,
  MISMATCH,
  STALLED,
  ROLLED_BACK;

  /** Whether {@code ./pipeline run} may stop waiting for this file. */
  public boolean settled() {
    return this == VERIFIED || this == FAILED || this == MISMATCH || this == ROLLED_BACK;
  }
}
