package io.tideway.cleaner.streams;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The per-file counters store, holding the counters as objects between commits. Every row changes
 * its file's counters, and a plain store (even a cached one) serialises the whole value, quality
 * report included, on every put and parses it on every get. Here a put only replaces the object;
 * the changed keys are written to the underlying store when Kafka Streams flushes its caches, which
 * it does before every commit, so the changelog gets one record per key and commit inside the same
 * transaction as the rows it counts, exactly as with the record cache. An aborted transaction
 * clears the objects with the other caches.
 */
final class CountersStore
    extends WrappedStateStore<KeyValueStore<String, FileCounters>, String, FileCounters>
    implements KeyValueStore<String, FileCounters> {

  private final Map<String, FileCounters> live = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  private CountersStore(KeyValueStore<String, FileCounters> inner) {
    super(inner);
  }

  /** A persistent counters store named {@code name}, logged, with this layer on top. */
  static StoreBuilder<KeyValueStore<String, FileCounters>> builder(
      String name, Serde<FileCounters> serde) {
    return builder(Stores.persistentKeyValueStore(name), serde);
  }

  /** The same over any bytes store (tests use an in-memory one). */
  static StoreBuilder<KeyValueStore<String, FileCounters>> builder(
      KeyValueBytesStoreSupplier supplier, Serde<FileCounters> serde) {
    return new Builder(Stores.keyValueStoreBuilder(supplier, Serdes.String(), serde));
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forget();
    super.init(context, root);
  }

  @Override
  public void put(String key, FileCounters value) {
    if (value == null) {
      delete(key);
      return;
    }
    live.put(key, value);
    changed.add(key);
  }

  @Override
  public FileCounters putIfAbsent(String key, FileCounters value) {
    FileCounters current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<String, FileCounters>> entries) {
    entries.forEach(e -> put(e.key, e.value));
  }

  @Override
  public FileCounters delete(String key) {
    FileCounters before = get(key);
    live.remove(key);
    changed.remove(key);
    wrapped().delete(key);
    return before;
  }

  @Override
  public FileCounters get(String key) {
    FileCounters v = live.get(key);
    if (v == null) {
      v = wrapped().get(key);
      if (v != null) {
        live.put(key, v);
      }
    }
    return v;
  }

  @Override
  public KeyValueIterator<String, FileCounters> range(String from, String to) {
    writeChanged();
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<String, FileCounters> reverseRange(String from, String to) {
    writeChanged();
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, FileCounters> all() {
    writeChanged();
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<String, FileCounters> reverseAll() {
    writeChanged();
    return wrapped().reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, FileCounters> prefixScan(
      P prefix, S prefixKeySerializer) {
    writeChanged();
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    writeChanged();
    return wrapped().approximateNumEntries();
  }

  /** Called by Kafka Streams before each commit: the changed counters join the transaction. */
  @Override
  public void flushCache() {
    writeChanged();
    super.flushCache();
  }

  /** Called when a transaction aborts: the objects may hold uncommitted counts. */
  @Override
  public void clearCache() {
    forget();
    super.clearCache();
  }

  @Override
  public void close() {
    forget();
    super.close();
  }

  private void writeChanged() {
    for (String key : changed) {
      wrapped().put(key, live.get(key));
    }
    changed.clear();
  }

  private void forget() {
    live.clear();
    changed.clear();
  }

  /** Builds the underlying logged store and puts this layer on top. */
  private static final class Builder implements StoreBuilder<KeyValueStore<String, FileCounters>> {

    private final StoreBuilder<KeyValueStore<String, FileCounters>> inner;

    Builder(StoreBuilder<KeyValueStore<String, FileCounters>> inner) {
      this.inner = inner;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, FileCounters>> withCachingEnabled() {
      inner.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, FileCounters>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, FileCounters>> withLoggingEnabled(
        Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, FileCounters>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public KeyValueStore<String, FileCounters> build() {
      return new CountersStore(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
