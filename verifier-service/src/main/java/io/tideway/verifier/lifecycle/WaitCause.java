package io.tideway.verifier.lifecycle;

import java.util.Objects;

/**
 * Why a file cannot be judged yet: a delay, not a finding. A file WAITING shows its cause as its
 * one problem; while the cause lasts the settle timeout cannot turn it MISMATCH.
 *
 * @param detail what the cause's source said (the driver's error, the stage's lag, the service's
 *     health reason)
 */
public record WaitCause(Kind kind, String detail) {

  /** The kinds of cause; the pipeline-wide ones share their name with the alert they open. */
  public enum Kind {
    /** MongoDB did not answer the file's check or the verifier's store probe. */
    STORE_UNREACHABLE,
    /** The verifier cannot reach the Kafka broker: nothing the pipeline does reaches it. */
    BROKER_UNREACHABLE,
    /** A service the file still needs (cleaner or loader) reports DOWN or does not answer. */
    SERVICE_DOWN,
    /** The cleaner or the loader still has records to read when the settle timeout ran out. */
    STAGE_BEHIND,
    /** The file's own documents hold; a file it counted duplicates of is not checked yet. */
    DEPENDENCY
  }

  public WaitCause {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
  }

  /** MongoDB did not answer, for {@code why}. */
  public static WaitCause store(String why) {
    return new WaitCause(Kind.STORE_UNREACHABLE, why);
  }

  /** A stage still has input left; {@code delay} says which and how much. */
  public static WaitCause stageBehind(String delay) {
    return new WaitCause(Kind.STAGE_BEHIND, delay);
  }

  /** The line a WAITING file shows as its problem. */
  public String problem() {
    return switch (kind) {
      case STORE_UNREACHABLE -> "MongoDB did not answer: " + detail;
      case BROKER_UNREACHABLE -> "Kafka did not answer: " + detail + ": delayed, not lost";
      case SERVICE_DOWN, STAGE_BEHIND, DEPENDENCY -> detail;
    };
  }
}
