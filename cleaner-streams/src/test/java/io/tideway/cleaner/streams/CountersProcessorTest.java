package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.json.JsonSerde;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.RejectedRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountersProcessorTest {

  private MockProcessorContext<String, Published> context;
  private CountersProcessor counters;

  @BeforeEach
  void start() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(500);
    KeyValueStore<String, FileCounters> store =
        CountersStore.builder(
                Stores.inMemoryKeyValueStore(CountersProcessor.COUNTERS_STORE),
                new JsonSerde<>(FileCounters.class))
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    KeyValueStore<String, Long> pending =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CountersProcessor.PENDING_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    pending.init(context.getStateStoreContext(), pending);
    context.addStateStore(store);
    context.addStateStore(pending);
    context.setRecordMetadata("cleaner-by-document-id-repartition", 2, 0);
    counters =
        new CountersProcessor(
            Duration.ofDays(30), Duration.ofMillis(500), Duration.ofHours(1), Map.of());
    counters.init(context);
  }

  private static CleanOutcome doc(String fileId, long row, long hash) {
    return new CleanOutcome(
        fileId,
        fileId + ".csv",
        "m",
        row,
        row + 1,
        "id" + row,
        new byte[] {5, 0, 0, 0, 0},
        hash,
        List.of("w.code"),
        List.of(),
        "");
  }

  private void pipe(Verdict v) {
    counters.process(new Record<>("k", v, 0L));
  }

  private List<Published> publish(long now) {
    context.resetForwards();
    counters.publishStats(now);
    return context.forwarded().stream().map(f -> (Published) f.record().value()).toList();
  }

  @Test
  void countedVerdictsAreCountedPerFileAndPartitionAndPublishedAsStatsAndQuality() {
    CleanOutcome a = doc("f1", 1, 3);
    CleanOutcome b = doc("f1", 2, 4);
    pipe(new Verdict.Cleaned(a, true));
    pipe(new Verdict.Cleaned(b, true));
    pipe(new Verdict.Cleaned(a, false)); // a replayed row: re-emitted upstream, not counted
    pipe(
        new Verdict.Duplicate(
            doc("f1", 3, 9),
            true,
            new DuplicateRow(1, "f1", "f1.csv", 3, "id1", "f0", 7, Instant.EPOCH)));
    pipe(
        new Verdict.Rejected(
            doc("f1", 4, 0),
            true,
            new RejectedRow(1, "f1", "f1.csv", 4, 5, RejectedRow.Stage.CLEANER, List.of(), null)));

    List<Published> out = publish(1000);
    assertThat(out).hasSize(1);
    Published p = out.get(0);
    assertThat(context.forwarded().get(0).record().key()).isEqualTo("f1/2");
    assertThat(p.stats().partition()).isEqualTo(2);
    assertThat(p.stats().cleaned()).isEqualTo(2);
    assertThat(p.stats().duplicates()).isEqualTo(1);
    assertThat(p.stats().rejected()).isEqualTo(1);
    assertThat(p.stats().duplicatesOf()).containsEntry("f0", 1L);
    assertThat(p.stats().warnings()).containsEntry("w.code", 2L);
    assertThat(p.quality().rows()).isEqualTo(4);
  }

  @Test
  void onlyChangedFilesArePublishedAgain() {
    pipe(new Verdict.Cleaned(doc("f1", 1, 3), true));
    pipe(new Verdict.Cleaned(doc("f2", 1, 3), true));
    assertThat(publish(1000)).hasSize(2);
    assertThat(publish(2000)).isEmpty();
    pipe(new Verdict.Cleaned(doc("f2", 2, 5), true));
    assertThat(publish(3000))
        .singleElement()
        .satisfies(p -> assertThat(p.stats().fileId()).isEqualTo("f2"));
  }

  @Test
  void uncountedVerdictsChangeNothing() {
    pipe(new Verdict.Cleaned(doc("f1", 1, 3), false));
    assertThat(publish(1000)).isEmpty();
  }
}
