package io.tideway.cleaner.streams;

import io.tideway.contracts.json.JsonSerde;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Counts each counted {@link Verdict} per (file, partition) — cleaned, duplicates, rejected,
 * digest, warnings, quality — and publishes the changed counters as a {@link Published} pair on a
 * wall-clock punctuator.
 */
public final class CountersProcessor implements Processor<String, Verdict, String, Published> {

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
  private ProcessorContext<String, Published> context;
  private KeyValueStore<String, FileCounters> counters;
  private KeyValueStore<String, Long> pending;

  /**
   * @param columnsByMapping per mapping name, its columns in order (names the quality report's
   *     columns)
   */
  public CountersProcessor(
      Duration retention,
      Duration statsInterval,
      Duration purgeInterval,
      Map<String, List<QualityReport.ColumnQuality>> columnsByMapping) {
    this.retention = retention;
    this.statsInterval = statsInterval;
    this.purgeInterval = purgeInterval;
    this.columnsByMapping = columnsByMapping;
  }

  /**
   * The counters store. Counters change on every row: {@link CountersStore} keeps them as objects
   * and writes each changed key once per commit (flushed with the transaction, so exactly-once
   * holds) instead of once per row.
   */
  public static StoreBuilder<KeyValueStore<String, FileCounters>> countersStoreBuilder() {
    return CountersStore.builder(COUNTERS_STORE, new JsonSerde<>(FileCounters.class));
  }

  /** The store of counter keys to publish. */
  public static StoreBuilder<KeyValueStore<String, Long>> pendingStoreBuilder() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  @Override
  public void init(ProcessorContext<String, Published> context) {
    this.context = context;
    this.counters = context.getStateStore(COUNTERS_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
    context.schedule(statsInterval, PunctuationType.WALL_CLOCK_TIME, this::publishStats);
    context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
  }

  @Override
  public void process(Record<String, Verdict> record) {
    Verdict verdict = record.value();
    if (verdict == null || !verdict.counted()) {
      return;
    }
    CleanOutcome row = verdict.row();
    long now = context.currentSystemTimeMs();
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
    String key = CleanStats.key(row.fileId(), partition);
    FileCounters current = counters.get(key);
    if (current == null) {
      current = FileCounters.empty(row.fileId(), row.fileName(), partition);
    }
    // The quality report shares the counters' value: it changes in the same transaction, once per
    // row.
    counters.put(key, verdict.countIn(current, now).plusQuality(row));
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
          List<QualityReport.ColumnQuality> columns =
              c.quality().mapping() == null
                  ? List.of()
                  : columnsByMapping.getOrDefault(c.quality().mapping(), List.of());
          Published p = new Published(c.toStats(now), c.toQuality(now, columns));
          context.forward(new Record<>(key, p, now, new RecordHeaders()));
        }
        published.add(key);
      }
    }
    published.forEach(pending::delete);
  }

  /**
   * Forgets file counters not updated for longer than the retention. One entry per file and
   * partition, not per row: walking them is cheap.
   */
  void purgeExpired(long now) {
    long cutoff = now - retention.toMillis();
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
