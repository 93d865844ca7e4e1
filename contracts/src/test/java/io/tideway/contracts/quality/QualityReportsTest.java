package io.tideway.contracts.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityReportsTest {

  private static QualityReport part(
      int partition,
      long cleaned,
      long duplicates,
      long rejected,
      Map<String, Long> rejects,
      Map<String, Long> warnings,
      List<ColumnQuality> columns,
      String at) {
    return new QualityReport(
        QualityReport.SCHEMA,
        "f1",
        "admissions.csv",
        "healthcare-admissions",
        partition,
        cleaned + duplicates + rejected,
        cleaned,
        duplicates,
        rejected,
        rejects,
        warnings,
        columns,
        Instant.parse(at));
  }

  private final QualityReport p0 =
      part(
          0,
          90,
          5,
          5,
          Map.of("enum", 3L, "int", 2L),
          Map.of("billing_amount.negative", 4L),
          List.of(
              new ColumnQuality("Age", "patient.age", "int", 98, 0, 2),
              new ColumnQuality("Blood Type", "patient.blood_type", "enum", 97, 0, 3)),
          "2026-11-25T10:00:00Z");
  private final QualityReport p1 =
      part(
          1,
          48,
          1,
          1,
          Map.of("enum", 1L),
          Map.of("billing_amount.negative", 1L, "patient.age.minor", 2L),
          List.of(
              new ColumnQuality("Age", "patient.age", "int", 50, 0, 0),
              new ColumnQuality("Blood Type", "patient.blood_type", "enum", 48, 1, 1)),
          "2026-11-25T10:00:05Z");

  @Test
  void mergeSumsEveryCounterOverPartitions() {
    QualityReport m = QualityReports.merge(List.of(p0, p1));

    assertThat(m.partition()).isEqualTo(QualityReports.ALL_PARTITIONS);
    assertThat(m)
        .extracting(
            QualityReport::fileId,
            QualityReport::mapping,
            QualityReport::rows,
            QualityReport::cleaned,
            QualityReport::duplicates,
            QualityReport::rejected)
        .containsExactly("f1", "healthcare-admissions", 150L, 138L, 6L, 6L);
    assertThat(m.rejectsByRule()).containsExactlyInAnyOrderEntriesOf(Map.of("enum", 4L, "int", 2L));
    assertThat(m.warningsByRule())
        .containsEntry("billing_amount.negative", 5L)
        .containsEntry("patient.age.minor", 2L);
    assertThat(m.columns())
        .containsExactly(
            new ColumnQuality("Age", "patient.age", "int", 148, 0, 2),
            new ColumnQuality("Blood Type", "patient.blood_type", "enum", 145, 1, 4));
    assertThat(m.updatedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:05Z"));
  }

  @Test
  void mergeOfOneIsItselfAndOfNoneIsNull() {
    assertThat(QualityReports.merge(List.of(p0)))
        .usingRecursiveComparison()
        .ignoringFields("partition")
        .isEqualTo(p0);
    assertThat(QualityReports.merge(List.of())).isNull();
  }

  @Test
  void markdownHasHeaderRulesAndColumns() {
    String md = QualityReports.markdown(QualityReports.merge(List.of(p0, p1)));

    assertThat(md).startsWith("# Data quality report: admissions.csv\n");
    assertThat(md)
        .contains("| Mapping | healthcare-admissions |")
        .contains("| Rows read | 150 |")
        .contains("| Loaded | 138 (92.00 %) |")
        .contains("| Duplicates | 6 (4.00 %) |")
        .contains("| Rejected | 6 (4.00 %) |");
    assertThat(md)
        .contains("| Rule | Severity | Rows | % of rows |")
        .contains("| enum | reject | 4 | 2.67 % |")
        .contains("| billing_amount.negative | warn | 5 | 3.33 % |");
    assertThat(md)
        .contains("| Column | Target | Type | Conforming | Missing | Invalid | % conformance |")
        .contains("| Blood Type | `patient.blood_type` | enum | 145 | 1 | 4 | 96.67 % |");
  }

  @Test
  void markdownEscapesTableBreakersAndFormatsLargeNumbers() {
    QualityReport r =
        new QualityReport(
            1,
            "f|2",
            "a|b.csv",
            "m",
            0,
            55_500,
            54_966,
            534,
            0,
            Map.of(),
            Map.of(),
            List.of(new ColumnQuality("Odd|Name", "x.y", "string", 55_500, 0, 0)),
            null);
    String md = QualityReports.markdown(r);

    assertThat(md)
        .contains("a\\|b.csv")
        .contains("Odd\\|Name")
        .contains("| Rows read | 55,500 |")
        .contains("No row broke a rule.");
  }

  @Test
  void mergedReportRoundTripsAsSnakeCaseJson() throws Exception {
    QualityReport m = QualityReports.merge(List.of(p0, p1));
    String json = Json.MAPPER.writeValueAsString(m);

    assertThat(json)
        .contains("\"rejects_by_rule\"")
        .contains("\"warnings_by_rule\"")
        .contains("\"conforming\":148");
    assertThat(Json.MAPPER.readValue(json, QualityReport.class)).isEqualTo(m);
  }
}
