package io.tideway.verifier;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition with a deadline instead of sleeping a guessed time. */
public final class Poll {

  private Poll() {}

  /** Returns the first value that satisfies {@code done}, or fails with the last value seen. */
  public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(timeout);
    T last = null;
    RuntimeException lastError = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(100); // back-off between probes, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not met within " + timeout + "; last value: " + last, lastError);
  }
}
