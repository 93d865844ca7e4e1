package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RowEnvelope;
import org.junit.jupiter.api.Test;

class ColumnStateTest {

  private final MappingEngine engine =
      MappingEngine.compile(MappingCatalog.builtIn().get("healthcare-admissions"), null);

  @Test
  void everyColumnOfAValidRowConforms() {
    CleanResult r = engine.clean(Rows.admission("f", 1));

    assertThat(r.columns()).isEqualTo("c".repeat(15));
  }

  @Test
  void blankIsMissingAndABrokenValueInvalidWhateverTheRowOutcome() {
    // Mapping order: Name, Age, Gender, Blood Type, Medical Condition, Medication, ...
    CleanResult rejected =
        engine.clean(
            Rows.admission(
                "f",
                1,
                v -> {
                  v.put("Age", "abc");
                  v.put("Medication", "  ");
                  v.put("Name", null);
                }));
    CleanResult flagged = engine.clean(Rows.admission("f", 2, v -> v.put("Age", "12")));

    assertThat(rejected.isRejected()).isTrue();
    assertThat(rejected.columns()).startsWith("mi" + "cc" + "c" + "m").hasSize(15);
    assertThat(flagged.isRejected()).isFalse();
    assertThat(flagged.warnings()).contains("patient.age.minor");
    assertThat(flagged.columns()).isEqualTo("c".repeat(15)); // a warning still conforms
  }

  @Test
  void aRowIngestCouldNotSplitHasNoColumnStates() {
    RowEnvelope broken =
        new RowEnvelope(
            RowEnvelope.SCHEMA,
            "f",
            "f.csv",
            "healthcare-admissions",
            3,
            4,
            null,
            new RowEnvelope.RowError("csv.field_count", "expected 15 fields, found 3"),
            Rows.INGESTED_AT);

    assertThat(engine.clean(broken).columns()).isEmpty();
    assertThat(ColumnState.ofCode('i')).isEqualTo(ColumnState.INVALID);
    assertThat(ColumnState.of(null, false)).isEqualTo(ColumnState.MISSING);
  }
}
