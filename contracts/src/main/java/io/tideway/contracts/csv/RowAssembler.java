package io.tideway.contracts.csv;

import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairs a record's fields with the header, and flags records whose field count differs. */
public final class RowAssembler {

  public static final String RULE_FIELD_COUNT = "csv.field_count";

  private final List<String> header;

  public RowAssembler(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** The values of a record by column, in header order, with the record's first problem if any. */
  public Row assemble(CsvRecord record) {
    List<String> fields = record.fields();
    Map<String, String> values = new LinkedHashMap<>(header.size() * 2);
    for (int i = 0; i < Math.min(header.size(), fields.size()); i++) {
      values.put(header.get(i), fields.get(i));
    }
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

  /** Values and the optional error of one data row. */
  public record Row(Map<String, String> values, RowError error) {}
}
