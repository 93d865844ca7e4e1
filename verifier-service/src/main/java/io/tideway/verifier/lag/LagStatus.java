package io.tideway.verifier.lag;

/** Burrow's verdict on a consumer partition or group, worst last. */
public enum LagStatus {
  /** Caught up at some point in the window, or making progress. */
  OK,
  /** Committing, but the lag never went down over the window. */
  WARN,
  /**
   * Members present but the committed offset did not move over the window while lag is non-zero.
   */
  STALL,
  /** No member left in the group while lag is non-zero. */
  STOP;

  public LagStatus worst(LagStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
