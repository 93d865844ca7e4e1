package io.tideway.cleaner.streams;

import io.tideway.contracts.mapping.MappingRef;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.topics.KafkaHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The dedup: first sighting of an {@code _id} is {@link Verdict.Cleaned}, a later one {@link
 * Verdict.Duplicate}, a reject {@link Verdict.Rejected}. Rejects and duplicates are remembered by
 * file and row too, so a row replayed by ingest is re-emitted but counted once.
 *
 * <p>Sightings live in a window store keyed by the record time of the first sighting: Kafka Streams
 * drops whole segments once they are older than the retention (stream time), so forgetting old keys
 * costs no scan and no tombstone per key on the stream thread.
 */
public final class DedupProcessor implements Processor<String, OutcomeBlock, String, Verdict> {

  /**
   * Dedup store: document id, or "r|file|row" / "d|file|row" for rejects and duplicates, to first
   * sighting, at the record time of that sighting.
   */
  public static final String SEEN_STORE = "dedup-seen-v2";

  /**
   * The key-value sightings store of the previous version. Still restored from its changelog so an
   * upgraded cleaner keeps recognising documents seen before the upgrade: its entries move into
   * {@link #SEEN_STORE} at the first start and it stays empty afterwards.
   */
  public static final String LEGACY_SEEN_STORE = "dedup-seen";

  private final long retentionMs;
  private ProcessorContext<String, Verdict> context;
  private WindowStore<String, FirstSeen> seen;

  /** Global store of rolled-back file ids (read-only here). */
  private KeyValueStore<String, Long> rolledBack;

  private KeyValueStore<String, FirstSeen> legacy;

  /** The last mapping reference seen and its header value: every row of a file shares one. */
  private String lastMappingRef;

  private byte[] lastMappingHeader;

  /**
   * The sightings store; {@code retention} is how long a key is remembered (in record time). A
   * sighting is put at its record time with a window of 1 ms; only its start matters.
   */
  public static StoreBuilder<WindowStore<String, FirstSeen>> storeBuilder(Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(SEEN_STORE, retention, Duration.ofMillis(1), false),
        Serdes.String(),
        new FirstSeenSerde());
  }

  /** The previous version's store, kept for the move of its entries ({@link #init}). */
  public static StoreBuilder<KeyValueStore<String, FirstSeen>> legacyStoreBuilder() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LEGACY_SEEN_STORE), Serdes.String(), new FirstSeenSerde());
  }

  /** {@code retention}: how long, in record time, a sighting is remembered. */
  public DedupProcessor(Duration retention) {
    this.retentionMs = retention.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Verdict> context) {
    this.context = context;
    this.seen = context.getStateStore(SEEN_STORE);
    this.rolledBack = context.getStateStore(RolledBackFiles.STORE);
    this.legacy = context.getStateStore(LEGACY_SEEN_STORE);
  }

  /**
   * Moves the previous version's sightings into the window store, at their first-seen time (those
   * already past the retention are dropped by the store). At the first record of a task (a store
   * write needs a record context); afterwards the legacy store is empty and this is one empty
   * iteration per task start.
   */
  private void moveLegacy() {
    java.util.List<String> moved = new java.util.ArrayList<>();
    try (var it = legacy.all()) {
      while (it.hasNext()) {
        var e = it.next();
        seen.put(e.key, e.value, e.value.seenAtMs());
        moved.add(e.key);
      }
    }
    moved.forEach(legacy::delete);
    legacy = null;
  }

  @Override
  public void process(Record<String, OutcomeBlock> record) {
    if (legacy != null) {
      moveLegacy();
    }
    OutcomeBlock block = record.value();
    if (block == null) {
      return;
    }
    for (CleanOutcome row : block.outcomes()) {
      process(record, row);
    }
  }

  private void process(Record<String, OutcomeBlock> record, CleanOutcome row) {
    long now = context.currentSystemTimeMs();
    long at = record.timestamp();
    if (row.isRejected()) {
      boolean counted = firstSighting("r|" + row.fileId() + "|" + row.row(), row, at);
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
      forward(record, row.fileId(), new Verdict.Rejected(row, counted, rejected), null);
      return;
    }
    FirstSeen first = firstStored(row, at);
    if (first == null || first.isSameRow(row.fileId(), row.row())) {
      if (first == null) {
        seen.put(row.documentId(), new FirstSeen(row.fileId(), row.row(), at), at);
      }
      RecordHeaders headers = new RecordHeaders();
      headers.add(KafkaHeaders.MAPPING, mappingHeader(row.mapping()));
      headers.add(KafkaHeaders.FILE_ID, row.fileId().getBytes(StandardCharsets.UTF_8));
      forward(record, row.documentId(), new Verdict.Cleaned(row, first == null), headers);
      return;
    }
    boolean counted = firstSighting("d|" + row.fileId() + "|" + row.row(), row, at);
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
    forward(record, row.documentId(), new Verdict.Duplicate(row, counted, duplicate), null);
  }

  private void forward(
      Record<String, OutcomeBlock> in, String key, Verdict verdict, RecordHeaders headers) {
    context.forward(
        new Record<>(
            key, verdict, in.timestamp(), headers == null ? new RecordHeaders() : headers));
  }

  /**
   * The mapping header of a cleaned record: the mapping's name, without the version (the loader
   * picks its collection by name); computed once per run of rows of one reference.
   */
  private byte[] mappingHeader(String ref) {
    if (!ref.equals(lastMappingRef)) {
      lastMappingHeader = MappingRef.nameOf(ref).getBytes(StandardCharsets.UTF_8);
      lastMappingRef = ref;
    }
    return lastMappingHeader;
  }

  /**
   * The first sighting of the row's document whose file still holds it: a sighting in another file
   * that was rolled back is passed over (the document is gone, so this row loads it again), and the
   * sighting put then is the one a later duplicate finds, e.g. within a replay of that file.
   */
  private FirstSeen firstStored(CleanOutcome row, long at) {
    return earliest(
        row.documentId(),
        at,
        first ->
            first.fileId().equals(row.fileId())
                || rolledBack == null
                || rolledBack.get(first.fileId()) == null);
  }

  /**
   * The earliest sighting of {@code key} within the retention before {@code at} that {@code
   * counts}, or null. The lower bound is explicit because the store's own stream time moves only on
   * writes.
   */
  private FirstSeen earliest(String key, long at, Predicate<FirstSeen> counts) {
    try (WindowStoreIterator<FirstSeen> it =
        seen.fetch(key, Math.max(0, at - retentionMs), Long.MAX_VALUE)) {
      while (it.hasNext()) {
        FirstSeen first = it.next().value;
        if (counts.test(first)) {
          return first;
        }
      }
      return null;
    }
  }

  private boolean firstSighting(String key, CleanOutcome row, long at) {
    if (earliest(key, at, first -> true) != null) {
      return false;
    }
    seen.put(key, new FirstSeen(row.fileId(), row.row(), at), at);
    return true;
  }
}
