package io.tideway.verifier.lag;

import java.util.List;

/**
 * Burrow's sliding-window rules, adapted to what the Admin API shows (no commit timestamps): lag
 * zero anywhere in the window is OK; lag with no live member is STOP; a full window whose committed
 * offset never moved is STALL; a full window whose lag never went down is WARN.
 */
public final class LagRules {

  private LagRules() {}

  /**
   * Evaluates one partition's window. A lag up to {@code tolerance} counts as caught up: with
   * transactional producers the last commit marker leaves a lag of 1 that no consumer can commit
   * past.
   */
  public static LagStatus evaluate(
      List<LagSample> window, boolean membersActive, int windowSize, long tolerance) {
    if (window.isEmpty() || window.stream().anyMatch(s -> s.lag() <= tolerance)) {
      return LagStatus.OK;
    }
    if (!membersActive) {
      return LagStatus.STOP;
    }
    if (window.size() < windowSize) {
      return LagStatus.OK; // not enough evidence yet
    }
    if (window.get(0).offset() == window.get(window.size() - 1).offset()) {
      return LagStatus.STALL;
    }
    for (int i = 1; i < window.size(); i++) {
      if (window.get(i).lag() < window.get(i - 1).lag()) {
        return LagStatus.OK;
      }
    }
    return LagStatus.WARN;
  }
}
