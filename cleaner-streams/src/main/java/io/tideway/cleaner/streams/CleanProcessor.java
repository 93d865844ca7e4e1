package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RawRowSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The clean stage on the raw topic's partitions: remembers each file's header record in a state
 * store (changelogged, so a cleaner killed with -9 still knows the header of a file whose header
 * record lies before its committed offset) and cleans each row by position against it. Forwards one
 * {@link CleanOutcome} per row, keyed for the dedup ({@link CleanOutcome#routingKey()}).
 */
public final class CleanProcessor implements Processor<String, RawBlock, String, CleanOutcome> {

  /** Header store: file id to the file's header record. One small entry per file. */
  public static final String HEADERS_STORE = "raw-headers";

  /** Files whose bound header is kept in memory; a miss costs one store read. */
  private static final int BOUND_FILES = 256;

  private final RowCleaner cleaner;
  private final Duration retention;
  private final Duration purgeInterval;
  private final Map<String, RowCleaner.Bound> bound =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RowCleaner.Bound> eldest) {
          return size() > BOUND_FILES;
        }
      };
  private ProcessorContext<String, CleanOutcome> context;
  private KeyValueStore<String, RawRow> headers;
  private String topic;

  /**
   * @param retention how long a file's header is kept after it was read (the dedup retention)
   * @param purgeInterval how often expired headers are removed
   */
  public CleanProcessor(RowCleaner cleaner, Duration retention, Duration purgeInterval) {
    this.cleaner = cleaner;
    this.retention = retention;
    this.purgeInterval = purgeInterval;
  }

  /** The header store, changelogged like any store of the topology. */
  public static StoreBuilder<KeyValueStore<String, RawRow>> storeBuilder() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(HEADERS_STORE), Serdes.String(), new RawRowSerde());
  }

  @Override
  public void init(ProcessorContext<String, CleanOutcome> context) {
    this.context = context;
    this.headers = context.getStateStore(HEADERS_STORE);
    context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
  }

  @Override
  public void process(Record<String, RawBlock> record) {
    RawBlock block = record.value();
    if (block == null) {
      return; // a tombstone carries no row
    }
    if (block.isHeader()) {
      RawRow header = block.header();
      headers.put(header.fileId(), header);
      bound.put(header.fileId(), cleaner.bind(header));
      return;
    }
    RawRow first = block.rows().get(0);
    // Rows of a block share a file; a self-described row (schema 1) comes alone.
    RowCleaner.Bound file = first.columns() != null ? cleaner.bind(first) : bound(first.fileId());
    for (RawRow row : block.rows()) {
      CleanOutcome outcome =
          file == null ? RowCleaner.headerMissing(row, topic()) : cleaner.clean(row, file);
      context.forward(record.withKey(outcome.routingKey()).withValue(outcome));
    }
  }

  private RowCleaner.Bound bound(String fileId) {
    RowCleaner.Bound file = bound.get(fileId);
    if (file == null) {
      RawRow header = headers.get(fileId);
      if (header != null) {
        file = cleaner.bind(header);
        bound.put(fileId, file);
      }
    }
    return file;
  }

  private String topic() {
    if (topic == null) {
      topic = context.recordMetadata().map(m -> m.topic()).orElse("the raw topic");
    }
    return topic;
  }

  /**
   * Forgets headers read longer ago than the retention. The store holds one entry per file, not per
   * row, so walking it is cheap.
   */
  void purgeExpired(long now) {
    long cutoff = now - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, RawRow> it = headers.all()) {
      while (it.hasNext()) {
        KeyValue<String, RawRow> e = it.next();
        if (e.value.ingestedAt() != null && e.value.ingestedAt().toEpochMilli() < cutoff) {
          expired.add(e.key);
        }
      }
    }
    expired.forEach(
        k -> {
          headers.delete(k);
          bound.remove(k);
        });
  }
}
