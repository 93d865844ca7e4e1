package io.tideway.infra.chaos;

import java.time.Duration;

/**
 * One fault of a trial: kill -9 (or SIGSTOP for {@code frozenFor}) of a target, once the stage's
 * progress on the file reaches {@code at}.
 */
public record Fault(FaultKind kind, Target target, Stage stage, double at, Duration frozenFor) {

  /** Whether this fault freezes its target instead of killing it. */
  public boolean freezes() {
    return kind == FaultKind.FREEZE;
  }

  /**
   * For the report: {@code kill -9 loader-service at 43% loaded}, {@code SIGSTOP mongo 37s at 20%
   * loaded}.
   */
  public String describe() {
    String action =
        freezes()
            ? "SIGSTOP " + target.processName() + " " + frozenFor.toSeconds() + "s"
            : "kill -9 " + target.processName();
    return action + " at " + Math.round(at * 100) + "% " + stage.label();
  }
}
