package io.tideway.contracts.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two versions of a mapping, per field, in the mapping's own words: fields
 * added, removed, renamed (same source column, another target), type changed, rules or cleaning
 * changed; plus the target collection and dedup key.
 */
public final class MappingDiff {

  private MappingDiff() {}

  /** The changes from {@code before} to {@code after}, one sentence each; empty when none. */
  public static List<String> changes(Mapping before, Mapping after) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(before.target(), after.target())) {
      out.add(
          "target changed: "
              + before.target().database()
              + "."
              + before.target().collection()
              + " -> "
              + after.target().database()
              + "."
              + after.target().collection());
    }
    Map<String, ColumnSpec> old = bySource(before);
    Map<String, ColumnSpec> now = bySource(after);
    for (ColumnSpec c : after.columns()) {
      if (!old.containsKey(c.source())) {
        out.add(
            "field added: " + c.target() + " (" + word(c.type()) + ", from " + c.source() + ")");
      }
    }
    for (ColumnSpec c : before.columns()) {
      ColumnSpec n = now.get(c.source());
      if (n == null) {
        out.add("field removed: " + c.target() + " (from " + c.source() + ")");
        continue;
      }
      String field = n.target();
      if (!c.target().equals(n.target())) {
        out.add(
            "field renamed: " + c.target() + " -> " + n.target() + " (from " + c.source() + ")");
      }
      if (c.type() != n.type()) {
        out.add("type changed: " + field + " " + word(c.type()) + " -> " + word(n.type()));
      }
      if (!c.allFormats().equals(n.allFormats())) {
        out.add("formats changed: " + field + " " + c.allFormats() + " -> " + n.allFormats());
      }
      if (!c.rules().equals(n.rules())) {
        out.add("rules changed: " + field + " " + rules(c) + " -> " + rules(n));
      }
      if (!c.transforms().equals(n.transforms())) {
        out.add(
            "transforms changed: "
                + field
                + " "
                + words(c.transforms())
                + " -> "
                + words(n.transforms()));
      }
      if (c.isRequired() != n.isRequired()) {
        out.add("required changed: " + field + " " + c.isRequired() + " -> " + n.isRequired());
      }
      if (!c.values().equals(n.values()) || !c.nullValues().equals(n.nullValues())) {
        out.add("allowed or null values changed: " + field);
      }
    }
    if (!before.dedupKey().equals(after.dedupKey())) {
      out.add("dedup key changed: " + before.dedupKey() + " -> " + after.dedupKey());
    }
    if (!before.derived().equals(after.derived())) {
      out.add("derived fields changed");
    }
    if (!Objects.equals(before.dialect(), after.dialect())) {
      out.add("dialect changed");
    }
    return out;
  }

  private static Map<String, ColumnSpec> bySource(Mapping m) {
    Map<String, ColumnSpec> out = new LinkedHashMap<>();
    m.columns().forEach(c -> out.put(c.source(), c));
    return out;
  }

  private static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static List<String> words(List<? extends Enum<?>> list) {
    return list.stream().map(MappingDiff::word).toList();
  }

  private static List<String> rules(ColumnSpec c) {
    return c.rules().stream()
        .map(r -> r.value() == null ? r.rule() : r.rule() + " " + r.value())
        .toList();
  }
}
