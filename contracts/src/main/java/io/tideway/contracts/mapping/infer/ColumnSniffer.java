package io.tideway.contracts.mapping.infer;

import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.NumberText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The type of one column from a sample of its cells: the narrowest of boolean, int, long, decimal,
 * date, datetime that every non-null cell fits, else string. Numbers with a leading zero (zip
 * codes, account numbers) stay strings; so do integers beyond 64 bits.
 */
final class ColumnSniffer {

  /** Cell values that mean "no value" in exports (after trimming). */
  static final List<String> NULL_TOKENS = List.of("NULL", "null", "NA", "N/A", "n/a", "#N/A");

  /** Of these, the ones that mean "no value" even in a text column. */
  private static final Set<String> NULL_IN_TEXT = Set.of("NULL", "null", "#N/A");

  private static final List<Set<String>> BOOLEANS =
      List.of(Set.of("true", "false"), Set.of("yes", "no"), Set.of("y", "n"));

  private ColumnSniffer() {}

  /**
   * What a column looks like.
   *
   * @param nullValues the null tokens seen in the column that the mapping should treat as empty
   * @param note why a column that looked typed was left a string, or a caveat; null when none
   */
  record Guess(FieldType type, List<String> formats, List<String> nullValues, String note) {}

  static Guess guess(List<String> cells, NumberText numbers) {
    List<String> values = new ArrayList<>();
    List<String> nulls = new ArrayList<>();
    for (String c : cells) {
      String v = c.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (NULL_TOKENS.contains(v)) {
        if (!nulls.contains(v)) {
          nulls.add(v);
        }
        continue;
      }
      values.add(v);
    }
    if (values.isEmpty()) {
      return new Guess(FieldType.STRING, List.of(), textNulls(nulls), "no values in the sample");
    }
    if (isBoolean(values)) {
      return new Guess(FieldType.BOOLEAN, List.of(), nulls, null);
    }
    FieldType number = numberType(values, numbers);
    if (number != null) {
      return new Guess(number, List.of(), nulls, null);
    }
    TemporalSniffer.Guess t = TemporalSniffer.guess(values);
    if (t != null && t.type() != null) {
      return new Guess(t.type(), t.patterns(), nulls, t.note());
    }
    return new Guess(FieldType.STRING, List.of(), textNulls(nulls), t == null ? null : t.note());
  }

  private static List<String> textNulls(List<String> seen) {
    return seen.stream().filter(NULL_IN_TEXT::contains).toList();
  }

  private static boolean isBoolean(List<String> values) {
    for (Set<String> pair : BOOLEANS) {
      if (values.stream().allMatch(v -> pair.contains(v.toLowerCase(Locale.ROOT)))) {
        return true;
      }
    }
    return false;
  }

  /** int, long or decimal when every value is a number in the convention; null otherwise. */
  static FieldType numberType(List<String> values, NumberText numbers) {
    boolean integral = true;
    boolean fitsInt = true;
    for (String v : values) {
      String plain = numbers.normalize(v);
      if (plain == null) {
        return null;
      }
      String digits = plain.startsWith("-") || plain.startsWith("+") ? plain.substring(1) : plain;
      if (digits.length() > 1 && digits.charAt(0) == '0' && digits.charAt(1) != '.') {
        return null; // 007, 01234: an identifier or code, its zeros matter
      }
      BigDecimal d;
      try {
        d = new BigDecimal(plain);
      } catch (NumberFormatException e) {
        return null;
      }
      if (d.precision() > 34) {
        return null; // beyond Decimal128
      }
      if (plain.indexOf('.') >= 0 || plain.indexOf('e') >= 0 || plain.indexOf('E') >= 0) {
        integral = false;
        continue;
      }
      try {
        long l = Long.parseLong(plain);
        fitsInt &= l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
      } catch (NumberFormatException e) {
        return null; // an integer beyond 64 bits is an identifier, not a quantity
      }
    }
    if (!integral) {
      return FieldType.DECIMAL;
    }
    return fitsInt ? FieldType.INT : FieldType.LONG;
  }
}
