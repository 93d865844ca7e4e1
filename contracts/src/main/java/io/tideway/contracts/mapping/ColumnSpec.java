package io.tideway.contracts.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * How one source column becomes one field of the document.
 *
 * @param source the CSV header name
 * @param target dotted path in the nested document, e.g. {@code patient.name}
 * @param required the cell must have a value, and the column must be in the header; a column that
 *     is not required may be absent from a file's header (its field is then null)
 * @param values the allowed values of an {@code enum} column, compared after cleaning
 * @param format {@code java.time.format.DateTimeFormatter} pattern of a {@code date} or {@code
 *     datetime} column (default {@code yyyy-MM-dd}, {@code yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX})
 * @param formats further patterns tried in order after {@code format}, for columns that mix them
 * @param nullValues cell values (after transforms) that mean "no value", e.g. {@code NULL}, {@code
 *     NA}; the empty cell always does
 */
public record ColumnSpec(
    String source,
    String target,
    FieldType type,
    Boolean required,
    List<Transform> transforms,
    List<RuleSpec> rules,
    List<String> values,
    String format,
    List<String> formats,
    List<String> nullValues) {

  public ColumnSpec {
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
    rules = rules == null ? List.of() : List.copyOf(rules);
    values = values == null ? List.of() : List.copyOf(values);
    formats = formats == null ? List.of() : List.copyOf(formats);
    if (nullValues != null && nullValues.contains(null)) {
      throw new IllegalArgumentException(
          "null_values of '"
              + source
              + "' holds a YAML null: quote the word, e.g. [\"NULL\", \"NA\"] (unquoted NULL,"
              + " null and ~ are YAML's own null)");
    }
    nullValues = nullValues == null ? List.of() : List.copyOf(nullValues);
    type = type == null ? FieldType.STRING : type;
  }

  public boolean isRequired() {
    return Boolean.TRUE.equals(required);
  }

  /** Every date pattern of the column in the order they are tried ({@code format} first). */
  public List<String> allFormats() {
    List<String> all = new ArrayList<>();
    if (format != null && !format.isBlank()) {
      all.add(format);
    }
    all.addAll(formats);
    return all;
  }
}
