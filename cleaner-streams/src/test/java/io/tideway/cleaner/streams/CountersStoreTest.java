package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.json.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountersStoreTest {

  private CountersStore store;

  @BeforeEach
  void open() {
    store =
        (CountersStore)
            CountersStore.builder(
                    Stores.inMemoryKeyValueStore("counters"), new JsonSerde<>(FileCounters.class))
                .withLoggingDisabled()
                .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static FileCounters cleaned(long n) {
    FileCounters c = FileCounters.empty("f1", "f1.csv", 0);
    for (long i = 0; i < n; i++) {
      c = c.plusCleaned(i, List.of(), i);
    }
    return c;
  }

  private KeyValueStore<String, FileCounters> underlying() {
    return store.wrapped();
  }

  @Test
  void putsStayObjectsUntilTheCacheIsFlushedBeforeACommit() {
    store.put("f1/0", cleaned(1));
    store.put("f1/0", cleaned(2));
    assertThat(underlying().get("f1/0")).isNull(); // nothing serialised per row
    assertThat(store.get("f1/0").cleaned()).isEqualTo(2);

    store.flushCache();
    assertThat(underlying().get("f1/0").cleaned()).isEqualTo(2);
  }

  @Test
  void anAbortedTransactionDropsTheUncommittedCounts() {
    store.put("f1/0", cleaned(3));
    store.flushCache();
    store.put("f1/0", cleaned(5));
    store.clearCache();
    assertThat(store.get("f1/0").cleaned()).isEqualTo(3);
  }

  @Test
  void scansAndDeletesSeeTheLatestObjects() {
    store.put("f1/0", cleaned(1));
    store.flushCache();
    store.put("f1/0", cleaned(4));
    store.put("f2/0", cleaned(7));
    List<KeyValue<String, FileCounters>> all = new ArrayList<>();
    try (KeyValueIterator<String, FileCounters> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    assertThat(all)
        .extracting(kv -> kv.key + "=" + kv.value.cleaned())
        .containsExactly("f1/0=4", "f2/0=7");

    assertThat(store.delete("f1/0").cleaned()).isEqualTo(4);
    store.flushCache();
    assertThat(store.get("f1/0")).isNull();
    assertThat(underlying().get("f1/0")).isNull();
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }
}
