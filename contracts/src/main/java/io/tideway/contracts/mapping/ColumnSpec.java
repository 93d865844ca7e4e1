package io.tideway.contracts.mapping;

import java.util.List;

/**
 * How one source column becomes one field of the document.
 *
 * @param source the CSV header name
 * @param target dotted path in the nested document, e.g. {@code patient.name}
 * @param values the allowed values of an {@code enum} column, compared after cleaning
 * @param format {@code java.time} pattern of a {@code date} column (default {@code yyyy-MM-dd})
 */
public record ColumnSpec(
    String source,
    String target,
    FieldType type,
    Boolean required,
    List<Transform> transforms,
    List<RuleSpec> rules,
    List<String> values,
    String format) {

  public ColumnSpec {
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
    rules = rules == null ? List.of() : List.copyOf(rules);
    values = values == null ? List.of() : List.copyOf(values);
    type = type == null ? FieldType.STRING : type;
  }

  public boolean isRequired() {
    return Boolean.TRUE.equals(required);
  }
}
