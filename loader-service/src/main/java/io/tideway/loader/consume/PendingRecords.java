package io.tideway.loader.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Records polled but not yet written, cut into batches by count and by the age of the oldest. */
final class PendingRecords {

  private final int batchSize;
  private final Duration maxWait;
  private final List<ParsedRecord> records = new ArrayList<>();
  private long sinceNanos;

  PendingRecords(int batchSize, Duration maxWait) {
    this.batchSize = batchSize;
    this.maxWait = maxWait;
  }

  void add(ParsedRecord record) {
    if (records.isEmpty()) {
      sinceNanos = System.nanoTime();
    }
    records.add(record);
  }

  int size() {
    return records.size();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  /**
   * How long the next poll may block: until the current batch is due, or a full wait when empty.
   */
  Duration pollTimeout() {
    if (records.isEmpty()) {
      return maxWait;
    }
    return Duration.ofNanos(Math.max(0, maxWait.toNanos() - (System.nanoTime() - sinceNanos)));
  }

  boolean batchDue() {
    return records.size() >= batchSize
        || (!records.isEmpty() && System.nanoTime() - sinceNanos >= maxWait.toNanos());
  }

  /** The oldest records, at most one batch. */
  List<ParsedRecord> takeBatch() {
    int n = Math.min(batchSize, records.size());
    List<ParsedRecord> batch = new ArrayList<>(records.subList(0, n));
    records.subList(0, n).clear();
    sinceNanos = System.nanoTime();
    return batch;
  }

  List<ParsedRecord> takeAll() {
    List<ParsedRecord> all = new ArrayList<>(records);
    records.clear();
    return all;
  }

  /** Forgets the records of partitions that will be re-read (revoked, or rewound). */
  void drop(Collection<TopicPartition> partitions) {
    records.removeIf(r -> partitions.contains(r.partition()));
  }
}
