package io.tideway.runtime.retry;

import java.time.Duration;

/**
 * Exponential backoff: initial, doubled after each failure, capped. The one retry pause of every
 * service (loader batches, ingest's and the mapping feed's connection to Kafka). Not thread-safe:
 * one per retrying loop.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private Duration next;

  /** Pauses from {@code initial}, doubling, up to {@code max}. */
  public Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The pause before the next attempt; the one after it is twice as long, up to the maximum. */
  public Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }

  /** After a success: the next pause is the initial one again. */
  public void reset() {
    next = initial;
  }
}
