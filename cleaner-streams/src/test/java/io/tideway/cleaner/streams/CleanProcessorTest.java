package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RawRowSerde;
import io.tideway.contracts.payload.RowEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CleanProcessorTest {

  private static final RowCleaner CLEANER = RowCleaner.compile(MappingCatalog.builtIn(), null);
  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

  private KeyValueStore<String, RawRow> headers;

  @BeforeEach
  void store() {
    headers =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CleanProcessor.HEADERS_STORE),
                Serdes.String(),
                new RawRowSerde())
            .withLoggingDisabled()
            .build();
    headers.init(new MockProcessorContext<>().getStateStoreContext(), headers);
  }

  /** A processor over the shared store, as a (re)started cleaner task would have it. */
  private MockProcessorContext<String, OutcomeBlock> start() {
    MockProcessorContext<String, OutcomeBlock> context = new MockProcessorContext<>();
    context.addStateStore(headers);
    context.setRecordMetadata("tideway.raw", 0, 0);
    CleanProcessor p =
        new CleanProcessor(CLEANER, routing, Duration.ofDays(30), Duration.ofHours(1));
    p.init(context);
    processors.add(p);
    return context;
  }

  private final List<CleanProcessor> processors = new ArrayList<>();
  private final OutcomeRouting routing = new OutcomeRouting();

  private void pipe(RawBlock b) {
    processors.get(processors.size() - 1).process(new Record<>(b.fileId(), b, 0L));
  }

  private void pipe(RawRow r) {
    processors.get(processors.size() - 1).process(new Record<>(r.fileId(), RawBlock.of(r), 0L));
  }

  private static RawRow header(String fileId, List<String> columns) {
    return RawRow.header(fileId, fileId + ".csv", "healthcare-admissions", columns, AT);
  }

  private static RawRow row(String fileId, long n, Map<String, String> values) {
    return RawRow.row(fileId, n, n + 1, new ArrayList<>(values.values()), null, AT);
  }

  private static List<CleanOutcome> outcomes(MockProcessorContext<String, OutcomeBlock> c) {
    return c.forwarded().stream()
        .flatMap(f -> ((OutcomeBlock) f.record().value()).outcomes().stream())
        .toList();
  }

  @Test
  void rowsAreReadByPositionAgainstTheirFilesHeader() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    RowEnvelope named = Rows.admission("f1", 1);
    pipe(header("f1", List.copyOf(named.values().keySet())));
    pipe(row("f1", 1, named.values()));

    assertThat(context.forwarded()).hasSize(1); // the header itself forwards nothing
    CleanOutcome o = outcomes(context).get(0);
    assertThat(o.isRejected()).isFalse();
    assertThat(o.fileName()).isEqualTo("f1.csv");
    assertThat(o.mapping()).isEqualTo("healthcare-admissions");
    assertThat(context.forwarded().get(0).record().key()).isEqualTo(o.documentId());
    // Same document as the self-described (by name) path gives.
    assertThat(o.documentId())
        .isEqualTo(CLEANER.clean(RawRow.of(named), CLEANER.bind(RawRow.of(named))).documentId());
  }

  @Test
  void aRawBlocksOutcomesGoOutAsOneBlockPerDedupPartitionInRowOrder() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    RowEnvelope named = Rows.admission("f1", 1);
    pipe(header("f1", List.copyOf(named.values().keySet())));
    List<RawRow> rows = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Map<String, String> values = new java.util.LinkedHashMap<>(named.values());
      values.put("Name", "Patient " + i);
      rows.add(row("f1", i, values));
    }
    // Until the partition count is known, each outcome travels alone, placed by its key.
    pipe(new RawBlock(rows.subList(0, 2)));
    assertThat(context.forwarded())
        .hasSize(2)
        .allMatch(f -> ((OutcomeBlock) f.record().value()).outcomes().size() == 1)
        .allMatch(
            f ->
                ((OutcomeBlock) f.record().value())
                    .outcomes()
                    .get(0)
                    .routingKey()
                    .equals(f.record().key()));
    OutcomeBlock single = (OutcomeBlock) context.forwarded().get(0).record().value();
    routing.partitions("t", context.forwarded().get(0).record().key(), single, 3);
    context.resetForwards();

    pipe(new RawBlock(rows.subList(2, rows.size())));
    assertThat(context.forwarded()).hasSizeBetween(2, 3);
    List<Long> all = new ArrayList<>();
    for (var f : context.forwarded()) {
      OutcomeBlock block = (OutcomeBlock) f.record().value();
      int partition = OutcomeRouting.partitionOf(f.record().key(), 3);
      assertThat(block.outcomes())
          .allMatch(o -> OutcomeRouting.partitionOf(o.routingKey(), 3) == partition);
      assertThat(routing.partitions("t", f.record().key(), block, 3)).contains(Set.of(partition));
      List<Long> order = block.outcomes().stream().map(CleanOutcome::row).toList();
      assertThat(order).isSorted();
      all.addAll(order);
    }
    assertThat(all).hasSize(38).doesNotHaveDuplicates();
  }

  @Test
  void columnsInAnotherOrderAreMatchedByTheHeader() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    RowEnvelope named = Rows.admission("f1", 1);
    List<String> reversed = new ArrayList<>(named.values().keySet());
    java.util.Collections.reverse(reversed);
    List<String> values = new ArrayList<>(named.values().values());
    java.util.Collections.reverse(values);
    pipe(header("f2", reversed));
    pipe(RawRow.row("f2", 1, 2, values, null, AT));
    pipe(header("f1", List.copyOf(named.values().keySet())));
    pipe(row("f1", 1, named.values()));

    List<CleanOutcome> out = outcomes(context);
    assertThat(out.get(0).isRejected()).isFalse();
    assertThat(out.get(0).documentId()).isEqualTo(out.get(1).documentId());
  }

  @Test
  void aRestartedTaskKnowsTheHeaderFromItsStore() {
    start();
    RowEnvelope named = Rows.admission("f1", 1);
    pipe(header("f1", List.copyOf(named.values().keySet())));
    // kill -9: the task's memory is gone, its store (restored from the changelog) is not.
    MockProcessorContext<String, OutcomeBlock> after = start();
    pipe(row("f1", 2, named.values()));
    assertThat(outcomes(after)).singleElement().matches(o -> !o.isRejected());
  }

  @Test
  void aRowWithoutItsHeaderIsRejectedSayingWhatToDoNeverDropped() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    pipe(row("lost", 7, Rows.admission("lost", 7).values()));
    CleanOutcome o = outcomes(context).get(0);
    assertThat(o.isRejected()).isTrue();
    assertThat(context.forwarded().get(0).record().key()).isEqualTo("lost/7");
    assertThat(o.reasons())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rule()).isEqualTo(RowCleaner.RULE_NO_HEADER);
              assertThat(r.message()).contains("file lost row 7", "tideway.raw", "replay the file");
            });
  }

  @Test
  void aSchema1RowNamesItsOwnColumns() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    pipe(RawRow.of(Rows.admission("old", 1)));
    CleanOutcome o = outcomes(context).get(0);
    assertThat(o.isRejected()).isFalse();
    assertThat(o.fileName()).isEqualTo("old.csv");
  }

  @Test
  void anUnknownMappingRejectsTheFilesRowsNamingTheKnownOnes() {
    MockProcessorContext<String, OutcomeBlock> context = start();
    pipe(RawRow.header("f9", "f9.csv", "nope", List.of("Name"), AT));
    pipe(RawRow.row("f9", 1, 2, List.of("A"), null, AT));
    CleanOutcome o = outcomes(context).get(0);
    assertThat(o.isRejected()).isTrue();
    assertThat(o.reasons().get(0).message()).contains("unknown mapping 'nope'", "known");
  }

  @Test
  void headersOlderThanTheRetentionArePurged() {
    start();
    pipe(header("f1", List.of("Name")));
    processors.get(0).purgeExpired(AT.plus(Duration.ofDays(31)).toEpochMilli());
    assertThat(headers.get("f1")).isNull();
  }
}
