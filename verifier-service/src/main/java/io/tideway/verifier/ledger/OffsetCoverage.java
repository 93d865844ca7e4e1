package io.tideway.verifier.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The offsets of one topic partition that counted receipts cover, kept as disjoint inclusive ranges
 * (touching ranges merged), so a receipt can be checked against all of them at once.
 */
final class OffsetCoverage {

  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  /** Whether every offset of {@code from..to} is already covered. */
  boolean covers(long from, long to) {
    Map.Entry<Long, Long> e = ranges.floorEntry(from);
    return e != null && e.getValue() >= to;
  }

  /** Whether any offset of {@code from..to} is already covered. */
  boolean overlaps(long from, long to) {
    Map.Entry<Long, Long> e = ranges.floorEntry(to);
    return e != null && e.getValue() >= from;
  }

  /** Covers {@code from..to} too. */
  void add(long from, long to) {
    long lo = from;
    long hi = to;
    Map.Entry<Long, Long> before = ranges.floorEntry(from);
    if (before != null && before.getValue() >= from - 1) {
      lo = before.getKey();
    }
    Map.Entry<Long, Long> e;
    while ((e = ranges.ceilingEntry(lo)) != null && e.getKey() <= hi + 1) {
      hi = Math.max(hi, e.getValue());
      ranges.remove(e.getKey());
    }
    ranges.put(lo, hi);
  }

  /** The covered ranges, lowest first, each {@code from -> to}. */
  Map<Long, Long> ranges() {
    return Map.copyOf(ranges);
  }
}
