package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.CleanerDriver;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import io.tideway.contracts.payload.RowEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QualityReportTopologyTest {

  private final CleanerDriver driver = new CleanerDriver();

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void referenceFileHasNoRejectsAndCountsTheFlaggedDocuments() {
    List<RowEnvelope> rows = new ArrayList<>();
    long row = 1;
    for (long seed = 0; seed < 54_966; seed++) {
      rows.add(Rows.generated("ref", row++, seed));
      if (seed % 100 == 7 && seed < 53_407) {
        rows.add(Rows.generated("ref", row++, seed));
      }
    }
    driver.pipe(rows);
    long flagged = 0;
    for (TestRecord<String, byte[]> r : driver.cleanedRecords()) {
      BsonDocument doc = BsonBytes.read(r.value());
      flagged +=
          doc.getArray("_quality").contains(new BsonString("billing_amount.negative")) ? 1 : 0;
    }

    QualityReport q = quality("ref");
    assertThat(q.mapping()).isEqualTo("healthcare-admissions");
    assertThat(q)
        .extracting(
            QualityReport::rows,
            QualityReport::cleaned,
            QualityReport::duplicates,
            QualityReport::rejected)
        .containsExactly(55_500L, 54_966L, 534L, 0L);
    assertThat(q.rejectsByRule()).isEmpty();
    assertThat(flagged).isPositive();
    assertThat(q.warningsByRule()).containsEntry("billing_amount.negative", flagged);
    assertThat(q.columns()).hasSize(15);
    assertThat(q.columns().get(0))
        .isEqualTo(new ColumnQuality("Name", "patient.name", "string", 55_500, 0, 0));
    for (ColumnQuality c : q.columns()) {
      assertThat(c.conforming() + c.missing()).as(c.column()).isEqualTo(55_500L);
      assertThat(c.invalid()).as(c.column()).isZero();
    }
  }

  @Test
  void badValuesAreCountedPerRuleAndPerColumn() {
    driver.pipe(Rows.admission("bad", 1));
    driver.pipe(Rows.admission("bad", 2, v -> v.put("Age", "abc")));
    driver.pipe(
        Rows.admission(
            "bad",
            3,
            v -> {
              v.put("Age", "-1");
              v.put("Blood Type", "C+");
            }));
    driver.pipe(Rows.admission("bad", 4, v -> v.put("Name", " ")));
    driver.pipe(Rows.admission("bad", 5, v -> v.put("Room Number", "0")));
    driver.pipe(
        Rows.admission(
            "bad",
            6,
            v -> {
              v.put("Medication", null);
              v.put("Age", "12");
            }));
    driver.pipe(Rows.admission("bad", 7, v -> v.put("Date of Admission", "31/01/2024")));
    driver.pipe(
        new RowEnvelope(
            RowEnvelope.SCHEMA,
            "bad",
            "bad.csv",
            "healthcare-admissions",
            8,
            9,
            null,
            new RowEnvelope.RowError("field_count", "expected 15 fields, found 14"),
            Rows.INGESTED_AT));
    driver.pipe(Rows.admission("bad", 9)); // a duplicate of row 1

    QualityReport q = quality("bad");
    assertThat(q)
        .extracting(
            QualityReport::rows,
            QualityReport::cleaned,
            QualityReport::duplicates,
            QualityReport::rejected)
        .containsExactly(9L, 2L, 1L, 6L);
    assertThat(q.rejectsByRule())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "int",
                1L,
                "patient.age.out_of_range",
                1L,
                "enum",
                1L,
                "required",
                1L,
                "facility.room_number.out_of_range",
                1L,
                "date",
                1L,
                "field_count",
                1L));
    assertThat(q.warningsByRule()).containsExactlyEntriesOf(Map.of("patient.age.minor", 1L));
    Map<String, ColumnQuality> c =
        q.columns().stream().collect(Collectors.toMap(ColumnQuality::column, Function.identity()));
    // Row 8 never reached the columns: 8 rows per column.
    assertThat(c.get("Age"))
        .extracting(ColumnQuality::conforming, ColumnQuality::missing, ColumnQuality::invalid)
        .containsExactly(6L, 0L, 2L);
    assertThat(c.get("Blood Type"))
        .extracting(ColumnQuality::conforming, ColumnQuality::invalid)
        .containsExactly(7L, 1L);
    assertThat(c.get("Name"))
        .extracting(ColumnQuality::conforming, ColumnQuality::missing)
        .containsExactly(7L, 1L);
    assertThat(c.get("Medication"))
        .extracting(ColumnQuality::conforming, ColumnQuality::missing, ColumnQuality::invalid)
        .containsExactly(7L, 1L, 0L);
    assertThat(c.get("Room Number"))
        .extracting(ColumnQuality::conforming, ColumnQuality::invalid)
        .containsExactly(7L, 1L);
    assertThat(c.get("Date of Admission"))
        .extracting(ColumnQuality::conforming, ColumnQuality::invalid)
        .containsExactly(7L, 1L);
    assertThat(c.get("Room Number").type()).isEqualTo("int");
    assertThat(c.get("Room Number").target()).isEqualTo("facility.room_number");
  }

  @Test
  void replayedRowsAreNotCountedTwiceAndStatsAgree() {
    List<RowEnvelope> rows =
        List.of(
            Rows.admission("f1", 1),
            Rows.admission("f1", 2, v -> v.put("Age", "x")),
            Rows.admission("f1", 3));
    driver.pipe(rows);
    QualityReport first = quality("f1");
    driver.pipe(rows);
    QualityReport replayed = quality("f1");

    assertThat(replayed.rows()).isEqualTo(3);
    assertThat(replayed.rejectsByRule()).isEqualTo(first.rejectsByRule()).containsEntry("int", 1L);
    assertThat(replayed.columns()).isEqualTo(first.columns());
    CleanStats s = driver.latestStats().get(CleanStats.key("f1", 0));
    assertThat(replayed)
        .extracting(QualityReport::cleaned, QualityReport::duplicates, QualityReport::rejected)
        .containsExactly(s.cleaned(), s.duplicates(), s.rejected());
  }

  @Test
  void qualityIsEmittedOnlyForChangedFiles() {
    driver.pipe(Rows.admission("f1", 1));
    quality("f1");
    driver.pipe(Rows.admission("f2", 1, v -> v.put("Age", "40")));
    driver.advance(java.time.Duration.ofSeconds(1));
    assertThat(driver.quality.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("f2/0");
  }

  private QualityReport quality(String fileId) {
    return driver.latestQuality().get(CleanStats.key(fileId, 0));
  }
}
