package io.tideway.cleaner.streams;

/**
 * Counts the rows the cleaner routes, per outcome (cleaned, duplicates, rejected), for {@code
 * /prometheus}. A rate for dashboards, not a ledger: rows of a task retried after a crash count
 * again; the exact numbers are the clean-stats.
 */
@FunctionalInterface
public interface RowMeter {

  /** Counts nothing; for tests and tools. */
  RowMeter NONE = outcome -> {};

  void routed(String outcome);
}
