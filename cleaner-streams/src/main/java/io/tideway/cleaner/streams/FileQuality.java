package io.tideway.cleaner.streams;

import io.tideway.cleaner.mapping.ColumnState;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The quality part of one file's counters in one partition (part of the counters store value, so it
 * changes in the same transaction as the counters): rejects per rule and per-column states.
 *
 * @param conforming per mapped column (mapping order), rows whose cell conformed; likewise
 *     missing/invalid
 */
public record FileQuality(
    String mapping,
    Map<String, Long> rejectsByRule,
    long[] conforming,
    long[] missing,
    long[] invalid) {

  public FileQuality {
    rejectsByRule = rejectsByRule == null ? Map.of() : Map.copyOf(rejectsByRule);
    conforming = conforming == null ? new long[0] : conforming;
    missing = missing == null ? new long[0] : missing;
    invalid = invalid == null ? new long[0] : invalid;
  }

  public static FileQuality empty(String mapping) {
    return new FileQuality(mapping, Map.of(), null, null, null);
  }

  /** One more row: its reject rule codes (each once) and its column states. */
  public FileQuality plus(CleanOutcome row) {
    Map<String, Long> rules = rejectsByRule;
    if (row.isRejected()) {
      Set<String> codes = new LinkedHashSet<>();
      row.reasons().forEach(r -> codes.add(r.rule() == null ? "unknown" : r.rule()));
      rules = new TreeMap<>(rejectsByRule);
      for (String code : codes) {
        rules.merge(code, 1L, Long::sum);
      }
    }
    String states = row.columns();
    int n = Math.max(conforming.length, states.length());
    long[] c = Arrays.copyOf(conforming, n);
    long[] m = Arrays.copyOf(missing, n);
    long[] i = Arrays.copyOf(invalid, n);
    for (int k = 0; k < states.length(); k++) {
      ColumnState s = ColumnState.ofCode(states.charAt(k));
      if (s == ColumnState.CONFORMING) {
        c[k]++;
      } else if (s == ColumnState.MISSING) {
        m[k]++;
      } else if (s == ColumnState.INVALID) {
        i[k]++;
      }
    }
    return new FileQuality(mapping == null ? row.mapping() : mapping, rules, c, m, i);
  }

  /**
   * The per-column quality, named after {@code template} (the mapping's columns in order, counts
   * ignored).
   */
  public List<ColumnQuality> columns(List<ColumnQuality> template) {
    List<ColumnQuality> out = new ArrayList<>(template.size());
    for (int k = 0; k < template.size(); k++) {
      ColumnQuality t = template.get(k);
      out.add(
          new ColumnQuality(
              t.column(), t.target(), t.type(), at(conforming, k), at(missing, k), at(invalid, k)));
    }
    return out;
  }

  private static long at(long[] a, int k) {
    return k < a.length ? a[k] : 0L;
  }
}
