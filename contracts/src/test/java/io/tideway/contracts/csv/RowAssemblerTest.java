package io.tideway.contracts.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowAssemblerTest {

  private final RowAssembler assembler = new RowAssembler(List.of("a", "b", "c"));

  @Test
  void valuesFollowHeaderOrder() {
    RowAssembler.Row row = assembler.assemble(new CsvRecord(2, List.of("3", "1", "2"), null, null));
    assertThat(row.error()).isNull();
    assertThat(row.values()).containsExactly("3", "1", "2");
  }

  @Test
  void wrongFieldCountIsAnErrorWithPartialValues() {
    RowAssembler.Row row = assembler.assemble(new CsvRecord(7, List.of("x", "y"), null, null));
    assertThat(row.error().rule()).isEqualTo(RowAssembler.RULE_FIELD_COUNT);
    assertThat(row.error().message()).isEqualTo("line 7: expected 3 fields but found 2");
    assertThat(row.values()).containsExactly("x", "y");
  }

  @Test
  void fieldsPastTheHeaderAreDroppedAndFlagged() {
    RowAssembler.Row row =
        assembler.assemble(new CsvRecord(3, List.of("1", "2", "3", "4"), null, null));
    assertThat(row.values()).containsExactly("1", "2", "3");
    assertThat(row.error().message()).isEqualTo("line 3: expected 3 fields but found 4");
  }

  @Test
  void readerErrorWins() {
    RowAssembler.Row row =
        assembler.assemble(new CsvRecord(4, List.of("x"), CsvReader.RULE_TOO_LONG, "line 4: big"));
    assertThat(row.error().rule()).isEqualTo(CsvReader.RULE_TOO_LONG);
  }
}
