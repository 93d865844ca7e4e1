package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The global store of file ids an operator rolled back (ROLLED_BACK on the files topic; value =
 * documents deleted). The dedup treats a first sighting by such a file as never seen, so the same
 * content dropped again or replayed loads again instead of counting duplicates of deleted
 * documents.
 */
public final class RolledBackFiles {

  /** Global store: rolled-back file id to the number of documents its rollback deleted. */
  public static final String STORE = "rolled-back-files";

  private RolledBackFiles() {}

  /** A global store is restored from its source topic, so it keeps no changelog of its own. */
  public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
        .withLoggingDisabled();
  }

  /** Keeps only ROLLED_BACK events of the files topic. */
  public static final class Tracker implements Processor<String, FileEvent, Void, Void> {

    private KeyValueStore<String, Long> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, FileEvent> record) {
      FileEvent e = record.value();
      if (e != null && e.type() == FileEventType.ROLLED_BACK && e.fileId() != null) {
        Long before = store.get(e.fileId());
        store.put(e.fileId(), (before == null ? 0 : before) + e.rows());
      }
    }
  }
}
