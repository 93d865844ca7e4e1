package io.tideway.infra.chaos;

/**
 * A fault as it happened in a trial: when it fired (seconds after the file was dropped), which PID
 * it hit and when the target was back (a new PID for a kill, SIGCONT for a freeze), or -1.
 */
public final class FiredFault {

  private final Fault fault;
  private final double firedAt;
  private final long pid;
  private volatile double backAt = -1;
  private volatile long newPid = -1;

  public FiredFault(Fault fault, double firedAt, long pid) {
    this.fault = fault;
    this.firedAt = firedAt;
    this.pid = pid;
  }

  public Fault fault() {
    return fault;
  }

  /** Seconds after the drop when the fault fired. */
  public double firedAt() {
    return firedAt;
  }

  public long pid() {
    return pid;
  }

  public boolean back() {
    return backAt >= 0;
  }

  /**
   * The target answers again: a replacement process ({@code newPid}) or the frozen one resumed (its
   * own PID).
   */
  public void backAt(double seconds, long newPid) {
    this.newPid = newPid;
    this.backAt = seconds;
  }

  /** {@code kill -9 loader-service at 43% loaded @71s (PID 1234 -> 1300 after 3s)}. */
  public String describe() {
    String recovery;
    if (!back()) {
      recovery = fault.freezes() ? "never resumed" : "never restarted";
    } else if (fault.freezes()) {
      recovery = "SIGCONT after " + Math.round(backAt - firedAt) + "s";
    } else {
      recovery = "-> " + newPid + " after " + Math.round(backAt - firedAt) + "s";
    }
    return fault.describe() + " @" + Math.round(firedAt) + "s (PID " + pid + " " + recovery + ")";
  }
}
