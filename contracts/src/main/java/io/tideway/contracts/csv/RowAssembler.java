package io.tideway.contracts.csv;

import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.util.List;

/** Pairs a record's fields with the header, and flags records whose field count differs. */
public final class RowAssembler {

  public static final String RULE_FIELD_COUNT = "csv.field_count";

  private final List<String> header;

  public RowAssembler(List<String> header) {
    this.header = List.copyOf(header);
  }

  /**
   * The values of a record in header order (fields past the header's end dropped), with the
   * record's first problem if any.
   */
  public Row assemble(CsvRecord record) {
    List<String> fields = record.fields();
    List<String> values = fields.size() > header.size() ? fields.subList(0, header.size()) : fields;
    RowError error = null;
    if (record.hasError()) {
      error = new RowError(record.errorRule(), record.errorMessage());
    } else if (fields.size() != header.size()) {
      error =
          new RowError(
              RULE_FIELD_COUNT,
              "line "
                  + record.line()
                  + ": expected "
                  + header.size()
                  + " fields but found "
                  + fields.size());
    }
    return new Row(values, error);
  }

  /** The header this assembler pairs records with. */
  public List<String> header() {
    return header;
  }

  /** Values (in header order, position i under column i) and the optional error of one data row. */
  public record Row(List<String> values, RowError error) {}
}
