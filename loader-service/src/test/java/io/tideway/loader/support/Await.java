package io.tideway.loader.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until a deadline: tests never synchronise with sleeps. */
public final class Await {

  private Await() {}

  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
  }

  /** Waits until {@code value} equals {@code expected}; the failure names the last value seen. */
  public static <T> void equal(Duration timeout, String what, T expected, Supplier<T> value) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!expected.equals(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": expected "
            + expected + ", last " + last);
      }
      pause();
      last = value.get();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
