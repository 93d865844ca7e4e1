package io.tideway.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline: tests never synchronise with a guessed sleep. Failures say
 * what was awaited and the last value seen.
 */
public final class Poll {

  private static final long INTERVAL_MS = 50;

  private Poll() {}

  /** Waits until {@code condition} holds. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    value(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** Waits for a value that is neither null nor {@code false} and returns it. */
  public static <T> T value(Duration timeout, String what, Supplier<T> probe) {
    return until(timeout, what, probe, v -> v != null && !Boolean.FALSE.equals(v));
  }

  /** Waits until {@code probe} returns {@code expected}. */
  public static <T> T equal(Duration timeout, String what, T expected, Supplier<T> probe) {
    return until(timeout, what + " = " + expected, probe, v -> Objects.equals(expected, v));
  }

  /**
   * As {@link #until(Duration, String, Supplier, Predicate)}, for a condition that needs no name.
   */
  public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
    return until(timeout, "the condition", probe, done);
  }

  /**
   * Returns the first value of {@code probe} that satisfies {@code done}. A probe that throws is
   * retried (the server may not be up yet); the last error is the failure's cause.
   */
  public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last value: " + last,
            lastError);
      }
      try {
        Thread.sleep(INTERVAL_MS); // the poll interval, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
