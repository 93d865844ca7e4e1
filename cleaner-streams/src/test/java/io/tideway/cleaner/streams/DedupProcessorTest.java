package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.topics.KafkaHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {

  private static final Duration RETENTION = Duration.ofHours(1);
  private static final long T0 = 1_764_000_000_000L;

  private MockProcessorContext<String, Verdict> context;
  private WindowStore<String, FirstSeen> seen;
  private KeyValueStore<String, FirstSeen> legacy;
  private KeyValueStore<String, Long> rolledBack;
  private DedupProcessor dedup;

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    java.io.File dir = Files.createTempDirectory("dedup").toFile();
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    context =
        new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(0, 0), dir);
    context.setCurrentSystemTimeMs(T0);
    seen = DedupProcessor.storeBuilder(RETENTION).withLoggingDisabled().build();
    seen.init(context.getStateStoreContext(), seen);
    legacy = DedupProcessor.legacyStoreBuilder().withLoggingDisabled().build();
    legacy.init(context.getStateStoreContext(), legacy);
    rolledBack = RolledBackFiles.storeBuilder().build();
    rolledBack.init(context.getStateStoreContext(), rolledBack);
    context.addStateStore(seen);
    context.addStateStore(legacy);
    context.addStateStore(rolledBack);
    dedup = new DedupProcessor(RETENTION);
    dedup.init(context);
  }

  @AfterEach
  void stop() {
    seen.close();
    legacy.close();
    rolledBack.close();
  }

  /** A cleaned row's outcome (also built by the repartition serde's tests). */
  static CleanOutcome doc(String fileId, long row, String id) {
    return new CleanOutcome(
        fileId,
        fileId + ".csv",
        "m",
        row,
        row + 1,
        id,
        new byte[] {5, 0, 0, 0, 0},
        42L,
        List.of(),
        List.of(),
        "");
  }

  /** A rejected row's outcome. */
  static CleanOutcome reject(String fileId, long row) {
    return new CleanOutcome(
        fileId,
        fileId + ".csv",
        "m",
        row,
        row + 1,
        null,
        null,
        0L,
        List.of(),
        List.of(new Reason("Age", "type.int", "x", "Age: 'x' is not a whole number")),
        "");
  }

  private Verdict pipe(CleanOutcome o, long at) {
    context.resetForwards();
    dedup.process(new Record<>(o.routingKey(), OutcomeBlock.of(o), at));
    assertThat(context.forwarded()).hasSize(1);
    return (Verdict) context.forwarded().get(0).record().value();
  }

  @Test
  void firstSightingIsCleanedWithRoutingHeaders() {
    Verdict v = pipe(doc("f1", 1, "id-a"), T0);
    assertThat(v).isInstanceOf(Verdict.Cleaned.class);
    assertThat(v.counted()).isTrue();
    var record = context.forwarded().get(0).record();
    assertThat(record.key()).isEqualTo("id-a");
    assertThat(
            new String(
                record.headers().lastHeader(KafkaHeaders.FILE_ID).value(), StandardCharsets.UTF_8))
        .isEqualTo("f1");
    assertThat(
            new String(
                record.headers().lastHeader(KafkaHeaders.MAPPING).value(), StandardCharsets.UTF_8))
        .isEqualTo("m");
  }

  @Test
  void aLaterSightingIsADuplicateNamingTheFirstAndIsCountedOnce() {
    pipe(doc("f1", 1, "id-a"), T0);
    Verdict dup = pipe(doc("f2", 4, "id-a"), T0 + 1);
    assertThat(dup).isInstanceOf(Verdict.Duplicate.class);
    assertThat(dup.counted()).isTrue();
    Verdict.Duplicate d = (Verdict.Duplicate) dup;
    assertThat(d.payload().firstFileId()).isEqualTo("f1");
    assertThat(d.payload().firstRow()).isEqualTo(1);
    // The same duplicate row again (ingest replayed it): re-emitted, not counted.
    Verdict again = pipe(doc("f2", 4, "id-a"), T0 + 2);
    assertThat(again).isInstanceOf(Verdict.Duplicate.class);
    assertThat(again.counted()).isFalse();
  }

  @Test
  void theFirstRowSeenAgainIsReEmittedButNotCounted() {
    pipe(doc("f1", 1, "id-a"), T0);
    Verdict again = pipe(doc("f1", 1, "id-a"), T0 + 5);
    assertThat(again).isInstanceOf(Verdict.Cleaned.class);
    assertThat(again.counted()).isFalse();
  }

  @Test
  void aRejectIsCountedOncePerFileAndRow() {
    Verdict first = pipe(reject("f1", 3), T0);
    assertThat(first).isInstanceOf(Verdict.Rejected.class);
    assertThat(first.counted()).isTrue();
    assertThat(((Verdict.Rejected) first).payload().reasons()).hasSize(1);
    assertThat(pipe(reject("f1", 3), T0).counted()).isFalse();
    assertThat(pipe(reject("f1", 4), T0).counted()).isTrue();
  }

  @Test
  void aSightingOlderThanTheRetentionIsForgotten() {
    pipe(doc("f1", 1, "id-a"), T0);
    assertThat(pipe(doc("f2", 1, "id-a"), T0 + RETENTION.toMillis() - 1))
        .isInstanceOf(Verdict.Duplicate.class);
    Verdict late = pipe(doc("f3", 1, "id-a"), T0 + RETENTION.toMillis() + 1);
    assertThat(late).isInstanceOf(Verdict.Cleaned.class);
    assertThat(late.counted()).isTrue();
  }

  @Test
  void aDocumentWhoseFirstFileWasRolledBackLoadsAgain() {
    pipe(doc("f1", 1, "id-a"), T0);
    rolledBack.put("f1", 1L);
    assertThat(pipe(doc("f2", 1, "id-a"), T0 + 1)).isInstanceOf(Verdict.Cleaned.class);
  }

  @Test
  void aReplayOfARolledBackFileStillFindsItsOwnDuplicates() {
    pipe(doc("f1", 1, "id-a"), T0);
    pipe(doc("f1", 2, "id-a"), T0 + 1); // a duplicate within f1
    rolledBack.put("f1", 1L);
    // The replay holds the same rows: its first is loaded, its second is again a duplicate.
    Verdict first = pipe(doc("f1-r1", 1, "id-a"), T0 + 10);
    assertThat(first).isInstanceOf(Verdict.Cleaned.class);
    assertThat(first.counted()).isTrue();
    Verdict second = pipe(doc("f1-r1", 2, "id-a"), T0 + 11);
    assertThat(second).isInstanceOf(Verdict.Duplicate.class);
    assertThat(((Verdict.Duplicate) second).firstFileId()).isEqualTo("f1-r1");
    // Its first row seen again (ingest resent it): re-emitted, not counted twice.
    Verdict again = pipe(doc("f1-r1", 1, "id-a"), T0 + 12);
    assertThat(again).isInstanceOf(Verdict.Cleaned.class);
    assertThat(again.counted()).isFalse();
  }

  @Test
  void sightingsOfThePreviousVersionsStoreAreMovedAndStillDeduplicate() {
    legacy.put("id-old", new FirstSeen("f0", 9, T0 - 1000));
    Verdict v = pipe(doc("f1", 1, "id-old"), T0);
    assertThat(v).isInstanceOf(Verdict.Duplicate.class);
    assertThat(((Verdict.Duplicate) v).firstFileId()).isEqualTo("f0");
    assertThat(legacy.get("id-old")).isNull();
  }
}
