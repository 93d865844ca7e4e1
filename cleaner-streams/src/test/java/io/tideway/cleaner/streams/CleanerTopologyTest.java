package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.CleanerDriver;
import io.tideway.cleaner.support.RawFeed;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.mapping.Conformance;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.topics.KafkaHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CleanerTopologyTest {

  private final CleanerDriver driver = new CleanerDriver();

  @AfterEach
  void close() {
    driver.close();
  }

  // ---------------------------------------------------------------- cleaned output

  @Test
  void cleanedRecordIsKeyedByIdWithMappingAndFileHeaders() {
    driver.pipe(Rows.admission("f1", 1));

    List<TestRecord<String, byte[]>> out = driver.cleanedRecords();
    assertThat(out).hasSize(1);
    BsonDocument doc = BsonBytes.read(out.get(0).value());
    assertThat(out.get(0).key()).isEqualTo(doc.getString("_id").getValue());
    assertThat(header(out.get(0), KafkaHeaders.MAPPING)).isEqualTo("healthcare-admissions");
    assertThat(header(out.get(0), KafkaHeaders.FILE_ID)).isEqualTo("f1");
    assertThat(doc.getDocument("patient").getString("name").getValue()).isEqualTo("Bobby Jackson");
  }

  // ---------------------------------------------------------------- dedup

  @Test
  void duplicateWithinAFileGoesToDuplicatesWithTheFirstOccurrence() {
    driver.pipe(Rows.admission("f1", 1));
    driver.pipe(Rows.admission("f1", 2, v -> v.put("Name", "BOBBY JACKSON")));

    assertThat(driver.cleanedRecords()).hasSize(1);
    List<DuplicateRow> dups = driver.duplicates.readValuesToList();
    assertThat(dups).hasSize(1);
    DuplicateRow d = dups.get(0);
    assertThat(d.fileId()).isEqualTo("f1");
    assertThat(d.row()).isEqualTo(2);
    assertThat(d.firstFileId()).isEqualTo("f1");
    assertThat(d.firstRow()).isEqualTo(1);
    assertThat(stats("f1"))
        .extracting(CleanStats::cleaned, CleanStats::duplicates, CleanStats::rejected)
        .containsExactly(1L, 1L, 0L);
  }

  @Test
  void aBlockOfRowsIsCleanedRowByRowInFileOrder() {
    RawFeed feed = new RawFeed();
    List<RawRow> records =
        feed.all(
            List.of(
                Rows.admission("f1", 1),
                Rows.admission("f1", 2, v -> v.put("Name", "BOBBY JACKSON")),
                Rows.admission("f1", 3, v -> v.put("Name", "Anna Lee"))));
    driver.pipe(records.get(0)); // the header
    driver.pipe(new RawBlock(records.subList(1, records.size())));

    assertThat(driver.cleanedRecords()).hasSize(2);
    DuplicateRow d = driver.duplicates.readValue();
    assertThat(d.row()).isEqualTo(2);
    assertThat(d.firstRow()).isEqualTo(1);
    assertThat(stats("f1"))
        .extracting(CleanStats::cleaned, CleanStats::duplicates, CleanStats::rejected)
        .containsExactly(2L, 1L, 0L);
  }

  @Test
  void duplicateAcrossFilesNamesTheFirstFile() {
    driver.pipe(Rows.admission("f1", 1));
    driver.pipe(Rows.admission("f2", 9));

    DuplicateRow d = driver.duplicates.readValue();
    assertThat(d.fileId()).isEqualTo("f2");
    assertThat(d.firstFileId()).isEqualTo("f1");
    assertThat(d.firstRow()).isEqualTo(1);
    assertThat(stats("f1").cleaned()).isEqualTo(1);
    assertThat(stats("f2"))
        .extracting(CleanStats::cleaned, CleanStats::duplicates)
        .containsExactly(0L, 1L);
  }

  @Test
  void replayedRowsAreReEmittedButNotCountedAgain() {
    RowEnvelope first = Rows.admission("f1", 1);
    RowEnvelope dup = Rows.admission("f1", 2);
    RowEnvelope bad = Rows.admission("f1", 3, v -> v.put("Age", "x"));
    driver.pipe(List.of(first, dup, bad));
    driver.pipe(List.of(first, dup, bad)); // ingest replays the same file id and rows

    assertThat(driver.cleanedRecords()).hasSize(2); // re-emitted: the loader write is idempotent
    assertThat(driver.duplicates.readValuesToList()).hasSize(2);
    assertThat(driver.rejected.readValuesToList()).hasSize(2);
    CleanStats s = stats("f1");
    assertThat(s)
        .extracting(CleanStats::cleaned, CleanStats::duplicates, CleanStats::rejected)
        .containsExactly(1L, 1L, 1L);
    assertThat(s.digest())
        .isEqualTo(
            ContentDigest.format(
                ContentDigest.hash(
                    io.tideway.cleaner.mapping.MappingEngine.compile(
                            io.tideway.contracts.mapping.MappingCatalog.builtIn()
                                .get("healthcare-admissions"),
                            null)
                        .clean(first)
                        .document())));
  }

  @Test
  void dedupForgetsIdsOlderThanTheRetention() {
    io.tideway.cleaner.CleanerSettings settings = new io.tideway.cleaner.CleanerSettings();
    settings.setDedupRetention(Duration.ofHours(1));
    settings.setPurgeInterval(Duration.ofMinutes(1));
    try (CleanerDriver short_ =
        new CleanerDriver(io.tideway.contracts.mapping.MappingCatalog.builtIn(), settings)) {
      // Retention counts in record time: a window store drops segments past it, no scan.
      java.time.Instant t0 = java.time.Instant.parse("2026-11-25T10:00:00Z");
      short_.pipe(Rows.admission("f1", 1), t0);
      short_.pipe(Rows.admission("f2", 1), t0.plus(Duration.ofMinutes(30))); // a duplicate
      // f1's sighting is now 3 hours old in record time: its segment has been dropped.
      short_.pipe(Rows.admission("f3", 1), t0.plus(Duration.ofHours(3)));

      assertThat(short_.cleanedRecords())
          .extracting(r -> header(r, KafkaHeaders.FILE_ID))
          .containsExactly("f1", "f3");
      assertThat(short_.duplicates.readValuesToList())
          .extracting(DuplicateRow::fileId)
          .containsExactly("f2");
    }
  }

  // ---------------------------------------------------------------- rejects

  @Test
  void rejectCarriesEveryReasonAndIsKeyedByFile() {
    driver.pipe(
        Rows.admission(
            "f1",
            4,
            v -> {
              v.put("Age", "-1");
              v.put("Blood Type", "C+");
            }));

    TestRecord<String, RejectedRow> r = driver.rejected.readRecord();
    assertThat(r.key()).isEqualTo("f1");
    assertThat(r.value().stage()).isEqualTo(RejectedRow.Stage.CLEANER);
    assertThat(r.value().row()).isEqualTo(4);
    assertThat(r.value().line()).isEqualTo(5);
    assertThat(r.value().reasons())
        .extracting(RejectedRow.Reason::field, RejectedRow.Reason::rule, RejectedRow.Reason::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Age", "patient.age.out_of_range", "-1"),
            org.assertj.core.groups.Tuple.tuple("Blood Type", "enum", "C+"));
    assertThat(driver.cleaned.isEmpty()).isTrue();
    assertThat(stats("f1").rejected()).isEqualTo(1);
  }

  @Test
  void unknownMappingIsRejectedNotDropped() {
    driver.pipe(Rows.envelope("f9", 1, "no-such-mapping", Map.of("a", "b")));

    RejectedRow r = driver.rejected.readValue();
    assertThat(r.reasons()).extracting(RejectedRow.Reason::rule).containsExactly("mapping");
  }

  // ---------------------------------------------------------------- stats and digest

  @Test
  void statsAreEmittedOnlyForChangedFilesAndKeepFiring() {
    driver.pipe(Rows.admission("f1", 1));
    driver.advance(Duration.ofMillis(600));
    assertThat(driver.stats.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("f1/0");

    driver.advance(Duration.ofMillis(600));
    assertThat(driver.stats.isEmpty()).isTrue(); // nothing changed

    driver.pipe(Rows.admission("f2", 1, v -> v.put("Age", "40")));
    driver.advance(Duration.ofMillis(600));
    assertThat(driver.stats.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("f2/0");
  }

  @Test
  void referenceFileCountsAndDigestEqualTheEmittedDocuments() {
    // 55,500 rows: 54,966 distinct contents, 534 of them repeated once, mixed-case names.
    List<RowEnvelope> rows = new ArrayList<>();
    long row = 1;
    for (long seed = 0; seed < 54_966; seed++) {
      rows.add(Rows.generated("ref", row++, seed));
      if (seed % 100 == 7 && seed < 53_407) {
        rows.add(Rows.generated("ref", row++, seed));
      }
    }
    assertThat(rows).hasSize(55_500);
    driver.pipe(rows);

    List<TestRecord<String, byte[]>> cleaned = driver.cleanedRecords();
    ContentDigest recomputed = new ContentDigest();
    // The verifier checks stored documents against this shape; the cleaner must produce it.
    Conformance conformance =
        DocumentShape.of(MappingCatalog.builtIn().get("healthcare-admissions")).check();
    long negative = 0;
    for (TestRecord<String, byte[]> r : cleaned) {
      BsonDocument doc = BsonBytes.read(r.value());
      recomputed.add(doc);
      conformance.add(doc);
      negative +=
          doc.getArray("_quality").contains(new org.bson.BsonString("billing_amount.negative"))
              ? 1
              : 0;
    }
    CleanStats s = stats("ref");
    assertThat(s)
        .extracting(CleanStats::cleaned, CleanStats::duplicates, CleanStats::rejected)
        .containsExactly(54_966L, 534L, 0L);
    assertThat(cleaned).hasSize(54_966);
    assertThat(driver.duplicates.getQueueSize()).isEqualTo(534);
    assertThat(driver.rejected.isEmpty()).isTrue();
    assertThat(s.digest()).isEqualTo(recomputed.hex());
    assertThat(negative).isPositive();
    assertThat(driver.routed)
        .containsExactlyInAnyOrderEntriesOf(Map.of("cleaned", 54_966L, "duplicates", 534L));
    assertThat(conformance.checked()).isEqualTo(54_966);
    assertThat(conformance.problems()).isEmpty();
    assertThat(s.warnings()).containsEntry("billing_amount.negative", negative);
  }

  private CleanStats stats(String fileId) {
    return driver.latestStats().get(CleanStats.key(fileId, 0));
  }

  // ---------------------------------------------------------------- raw schemas

  @Test
  void aSchema1RowStillInTheRawTopicIsCleanedLikeANewOne() {
    RowEnvelope old = Rows.admission("old", 1);
    driver.pipeBytes("old", io.tideway.contracts.json.Json.toBytes(old));
    driver.pipe(Rows.admission("new", 1));

    List<TestRecord<String, byte[]>> out = driver.cleanedRecords();
    assertThat(out).extracting(r -> header(r, KafkaHeaders.FILE_ID)).containsExactly("old");
    assertThat(BsonBytes.read(out.get(0).value()).getDocument("_source").getString("file_name"))
        .isEqualTo(new org.bson.BsonString("old.csv"));
    assertThat(driver.duplicates.readValuesToList())
        .extracting(DuplicateRow::firstFileId)
        .containsExactly("old");
  }

  @Test
  void aRawRecordOfAnotherSchemaStopsTheStreamNamingTopicAndSchema() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> driver.pipeBytes("x", new byte[] {9, 1, 0}))
        .hasStackTraceContaining("record on test.raw has schema 9")
        .hasStackTraceContaining("reads schemas 1 (JSON), 2 and 3 (binary)");
    assertThat(driver.cleanedRecords()).isEmpty();
  }

  private static String header(TestRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
