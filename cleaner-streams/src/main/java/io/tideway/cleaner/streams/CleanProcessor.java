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
 * record lies before its committed offset) and cleans each row by position against it. Forwards the
 * outcomes of a raw block as one {@link OutcomeBlock} per dedup partition their routing keys
 * ({@link CleanOutcome#routingKey()}) hash to, so a row costs no record of its own on the hop.
 */
public final class CleanProcessor implements Processor<String, RawBlock, String, OutcomeBlock> {

  /** Header store: file id to the file's header record. One small entry per file. */
  public static final String HEADERS_STORE = "raw-headers";

  /** Files whose bound header is kept in memory; a miss costs one store read. */
  private static final int BOUND_FILES = 256;

  /** Bytes of documents per outcome block at most: far below a record's size limit of 1 MB. */
  static final int MAX_BLOCK_BYTES = 512 * 1024;

  private final RowCleaner cleaner;
  private final OutcomeRouting routing;
  private final Duration retention;
  private final Duration purgeInterval;
  private final Map<String, RowCleaner.Bound> bound =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RowCleaner.Bound> eldest) {
          return size() > BOUND_FILES;
        }
      };
  private ProcessorContext<String, OutcomeBlock> context;
  private KeyValueStore<String, RawRow> headers;
  private String topic;

  /**
   * @param retention how long a file's header is kept after it was read (the dedup retention)
   * @param purgeInterval how often expired headers are removed
   */
  public CleanProcessor(
      RowCleaner cleaner, OutcomeRouting routing, Duration retention, Duration purgeInterval) {
    this.cleaner = cleaner;
    this.routing = routing;
    this.retention = retention;
    this.purgeInterval = purgeInterval;
  }

  /** The header store, changelogged like any store of the topology. */
  public static StoreBuilder<KeyValueStore<String, RawRow>> storeBuilder() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(HEADERS_STORE), Serdes.String(), new RawRowSerde());
  }

  @Override
  public void init(ProcessorContext<String, OutcomeBlock> context) {
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
    int partitions = routing.partitions();
    if (partitions == 0) {
      // The partition count is learnt from the first record placed: until then, one per outcome.
      for (RawRow row : block.rows()) {
        CleanOutcome outcome = clean(row, file);
        context.forward(record.withKey(outcome.routingKey()).withValue(OutcomeBlock.of(outcome)));
      }
      return;
    }
    List<List<CleanOutcome>> byPartition = new ArrayList<>(partitions);
    int[] bytes = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      byPartition.add(new ArrayList<>());
    }
    for (RawRow row : block.rows()) {
      CleanOutcome outcome = clean(row, file);
      int p = OutcomeRouting.partitionOf(outcome.routingKey(), partitions);
      int size = 256 + (outcome.document() == null ? 0 : outcome.document().length);
      if (bytes[p] + size > MAX_BLOCK_BYTES && !byPartition.get(p).isEmpty()) {
        forward(record, byPartition.get(p));
        bytes[p] = 0;
      }
      byPartition.get(p).add(outcome);
      bytes[p] += size;
    }
    for (int p = 0; p < partitions; p++) {
      if (!byPartition.get(p).isEmpty()) {
        forward(record, byPartition.get(p));
      }
    }
  }

  private CleanOutcome clean(RawRow row, RowCleaner.Bound file) {
    return file == null ? RowCleaner.headerMissing(row, topic()) : cleaner.clean(row, file);
  }

  /**
   * Forwards outcomes bound for one partition as one block, keyed by the first; empties the list.
   */
  private void forward(Record<String, RawBlock> record, List<CleanOutcome> outcomes) {
    context.forward(
        record.withKey(outcomes.get(0).routingKey()).withValue(new OutcomeBlock(outcomes)));
    outcomes.clear();
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
