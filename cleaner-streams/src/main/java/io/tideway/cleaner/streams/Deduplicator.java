package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.topics.KafkaHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routes each cleaned row: first sighting of an {@code _id} to cleaned, a later one to duplicates,
 * rejects to rejected; keeps per-(file, partition) counters and publishes the changed ones on a
 * wall-clock punctuator. A row replayed by ingest (same file id and row) is re-emitted but never
 * counted twice: rejects and duplicates are remembered by file and row for the same reason.
 *
 * <p>Output values are typed: {@code byte[]} (the cleaned document's BSON), {@link RejectedRow},
 * {@link DuplicateRow}, {@link CleanStats}, {@link QualityReport}; the topology sends each type to
 * its topic.
 */
public final class Deduplicator implements Processor<String, CleanOutcome, String, Object> {

  /**
   * Dedup store: document id, or "r|file|row" / "d|file|row" for rejects and duplicates, to first
   * sighting.
   */
  public static final String SEEN_STORE = "dedup-seen";

  /** Counter store: {@code CleanStats.key(file, partition)} to the running counters. */
  public static final String COUNTERS_STORE = "file-counters";

  /**
   * Counter keys changed since their last publication; persistent so a crash cannot lose a final
   * update.
   */
  public static final String PENDING_STORE = "file-counters-pending";

  private final Duration retention;
  private final Duration statsInterval;
  private final Duration purgeInterval;
  private final Map<String, List<QualityReport.ColumnQuality>> columnsByMapping;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, FirstSeen> seen;
  private KeyValueStore<String, FileCounters> counters;
  private KeyValueStore<String, Long> pending;

  /** Global store of rolled-back file ids (read-only here). */
  private KeyValueStore<String, Long> rolledBack;

  public Deduplicator(Duration retention, Duration statsInterval, Duration purgeInterval) {
    this(retention, statsInterval, purgeInterval, Map.of());
  }

  /**
   * @param columnsByMapping per mapping name, its columns in order (names the quality report's
   *     columns)
   */
  public Deduplicator(
      Duration retention,
      Duration statsInterval,
      Duration purgeInterval,
      Map<String, List<QualityReport.ColumnQuality>> columnsByMapping) {
    this.retention = retention;
    this.statsInterval = statsInterval;
    this.purgeInterval = purgeInterval;
    this.columnsByMapping = columnsByMapping;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.seen = context.getStateStore(SEEN_STORE);
    this.counters = context.getStateStore(COUNTERS_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
    this.rolledBack = context.getStateStore(RolledBackFiles.STORE);
    context.schedule(statsInterval, PunctuationType.WALL_CLOCK_TIME, this::publishStats);
    context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
  }

  @Override
  public void process(Record<String, CleanOutcome> record) {
    CleanOutcome row = record.value();
    if (row == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
    String counterKey = CleanStats.key(row.fileId(), partition);
    if (row.isRejected()) {
      if (firstSighting("r|" + row.fileId() + "|" + row.row(), row, now)) {
        count(counterKey, row, partition, c -> c.plusRejected(now), now);
      }
      RejectedRow rejected =
          new RejectedRow(
              RejectedRow.SCHEMA,
              row.fileId(),
              row.fileName(),
              row.row(),
              row.line(),
              RejectedRow.Stage.CLEANER,
              row.reasons(),
              Instant.ofEpochMilli(now));
      context.forward(
          new Record<>(row.fileId(), (Object) rejected, record.timestamp(), new RecordHeaders()));
      return;
    }
    FirstSeen first = seen.get(row.documentId());
    if (first != null
        && !first.fileId().equals(row.fileId())
        && rolledBack != null
        && rolledBack.get(first.fileId()) != null) {
      first = null; // its first occurrence was rolled back: the document is gone, load this one
    }
    if (first == null || first.isSameRow(row.fileId(), row.row())) {
      if (first == null) {
        seen.put(row.documentId(), new FirstSeen(row.fileId(), row.row(), now));
        count(counterKey, row, partition, c -> c.plusCleaned(row.hash(), row.warnings(), now), now);
      }
      RecordHeaders headers = new RecordHeaders();
      headers.add(KafkaHeaders.MAPPING, row.mapping().getBytes(StandardCharsets.UTF_8));
      headers.add(KafkaHeaders.FILE_ID, row.fileId().getBytes(StandardCharsets.UTF_8));
      context.forward(
          new Record<>(row.documentId(), (Object) row.document(), record.timestamp(), headers));
      return;
    }
    FirstSeen original = first;
    if (firstSighting("d|" + row.fileId() + "|" + row.row(), row, now)) {
      count(counterKey, row, partition, c -> c.plusDuplicate(original.fileId(), now), now);
    }
    DuplicateRow duplicate =
        new DuplicateRow(
            DuplicateRow.SCHEMA,
            row.fileId(),
            row.fileName(),
            row.row(),
            row.documentId(),
            first.fileId(),
            first.row(),
            Instant.ofEpochMilli(now));
    context.forward(
        new Record<>(
            row.documentId(), (Object) duplicate, record.timestamp(), new RecordHeaders()));
  }

  private boolean firstSighting(String key, CleanOutcome row, long now) {
    if (seen.get(key) != null) {
      return false;
    }
    seen.put(key, new FirstSeen(row.fileId(), row.row(), now));
    return true;
  }

  private void count(
      String key,
      CleanOutcome row,
      int partition,
      java.util.function.UnaryOperator<FileCounters> change,
      long now) {
    FileCounters current = counters.get(key);
    if (current == null) {
      current = FileCounters.empty(row.fileId(), row.fileName(), partition);
    }
    // The quality report shares the counters' value: it changes in the same transaction, once per
    // row.
    counters.put(key, change.apply(current).plusQuality(row));
    pending.put(key, now);
  }

  /** Publishes every counter changed since its last publication. */
  void publishStats(long now) {
    List<String> published = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = pending.all()) {
      while (it.hasNext()) {
        String key = it.next().key;
        FileCounters c = counters.get(key);
        if (c != null) {
          context.forward(new Record<>(key, (Object) c.toStats(now), now, new RecordHeaders()));
          List<QualityReport.ColumnQuality> columns =
              c.quality().mapping() == null
                  ? List.of()
                  : columnsByMapping.getOrDefault(c.quality().mapping(), List.of());
          context.forward(
              new Record<>(key, (Object) c.toQuality(now, columns), now, new RecordHeaders()));
        }
        published.add(key);
      }
    }
    published.forEach(pending::delete);
  }

  /** Forgets dedup entries and file counters older than the retention. */
  void purgeExpired(long now) {
    long cutoff = now - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, FirstSeen> it = seen.all()) {
      while (it.hasNext()) {
        KeyValue<String, FirstSeen> e = it.next();
        if (e.value.seenAtMs() < cutoff) {
          expired.add(e.key);
        }
      }
    }
    expired.forEach(seen::delete);
    List<String> oldFiles = new ArrayList<>();
    try (KeyValueIterator<String, FileCounters> it = counters.all()) {
      while (it.hasNext()) {
        KeyValue<String, FileCounters> e = it.next();
        if (e.value.updatedMs() < cutoff) {
          oldFiles.add(e.key);
        }
      }
    }
    oldFiles.forEach(counters::delete);
  }
}
