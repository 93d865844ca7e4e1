package io.tideway.contracts.mapping.infer;

import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.Dialect;
import io.tideway.contracts.mapping.Mapping;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a drafted mapping as a YAML mapping file (docs/MAPPINGS.md) that a person can then edit:
 * nest targets, add rules, mark required columns.
 */
public final class MappingYaml {

  private MappingYaml() {}

  /** The YAML text of {@code draft}, with its notes as comments beside their columns. */
  public static String write(MappingInference.Draft draft, String origin) {
    Mapping m = draft.mapping();
    StringBuilder y = new StringBuilder();
    y.append("# Draft mapping inferred from ")
        .append(origin)
        .append(" (header and ")
        .append(draft.rowsSampled())
        .append(" rows). Reference: docs/MAPPINGS.md\n");
    y.append("name: ").append(q(m.name())).append('\n');
    y.append("description: ").append(q(m.description())).append('\n');
    y.append("target:\n");
    y.append("  database: ").append(q(m.target().database())).append('\n');
    y.append("  collection: ").append(q(m.target().collection())).append('\n');
    Dialect d = m.dialect();
    if (!d.equals(Dialect.DEFAULT)) {
      y.append("dialect:\n");
      key(y, "delimiter", d.delimiter());
      key(y, "quote", d.quote());
      key(y, "charset", d.charset());
      if (d.headerRow() != null) {
        y.append("  header_row: ").append(d.headerRow()).append('\n');
      }
      key(y, "decimal_separator", d.decimalSeparator());
      key(y, "grouping_separator", d.groupingSeparator());
    }
    y.append("columns:\n");
    Map<String, String> notes = draft.notes();
    for (ColumnSpec c : m.columns()) {
      String note = notes.get(c.source());
      if (note != null) {
        y.append("  # ").append(note.replace('\n', ' ')).append('\n');
      }
      y.append("  - source: ").append(q(c.source())).append('\n');
      y.append("    target: ").append(q(c.target())).append('\n');
      y.append("    type: ").append(c.type().word()).append('\n');
      if (c.required() != null) {
        y.append("    required: ").append(c.required()).append('\n');
      }
      if (!c.transforms().isEmpty()) {
        y.append("    transforms: [")
            .append(
                String.join(
                    ", ",
                    c.transforms().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()))
            .append("]\n");
      }
      if (c.format() != null) {
        y.append("    format: ").append(q(c.format())).append('\n');
      }
      list(y, "formats", c.formats());
      list(y, "null_values", c.nullValues());
    }
    for (Map.Entry<String, String> n : notes.entrySet()) {
      if (m.column(n.getKey()).isEmpty()) {
        y.append("# ").append(n.getKey()).append(": ").append(n.getValue()).append('\n');
      }
    }
    return y.toString();
  }

  private static void key(StringBuilder y, String key, String value) {
    if (value != null) {
      y.append("  ").append(key).append(": ").append(q(value)).append('\n');
    }
  }

  private static void list(StringBuilder y, String key, List<String> values) {
    if (!values.isEmpty()) {
      y.append("    ")
          .append(key)
          .append(": [")
          .append(String.join(", ", values.stream().map(MappingYaml::q).toList()))
          .append("]\n");
    }
  }

  /** A YAML double-quoted scalar: safe for any header text. */
  static String q(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
