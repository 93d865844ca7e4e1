package io.tideway.verifier.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.QualityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityHtmlTest {

  @Test
  void escapesAHostileFileNameAndLinksToTheRejectedRows() {
    QualityReport report =
        new QualityReport(
            QualityReport.SCHEMA,
            "f-1",
            "<script>alert(1)</script>.csv",
            "healthcare-admissions",
            -1,
            100,
            90,
            5,
            5,
            Map.of("type", 5L),
            Map.of(),
            List.of(new QualityReport.ColumnQuality("Age", "patient.age", "int", 0, 5, 95)),
            Instant.EPOCH);

    String page = QualityHtml.page(report);

    assertThat(page).doesNotContain("<script>alert(1)</script>");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv");
    assertThat(page).contains("href=\"/api/files/f-1/rejects?format=csv\"");
    assertThat(page).contains("href=\"/api/files/f-1/quality.md\"");
  }
}
