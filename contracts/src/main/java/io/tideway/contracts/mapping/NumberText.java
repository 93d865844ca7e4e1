package io.tideway.contracts.mapping;

import java.util.regex.Pattern;

/**
 * Numbers as files write them: an optional sign, digits with an optional grouping separator every
 * three digits, and a fraction after the dialect's decimal separator. Normalises them to the plain
 * form {@code -1234.56} that {@code BigDecimal} and {@code Long} parse.
 */
public final class NumberText {

  private final char decimal;
  private final char grouping;
  private final Pattern grouped;

  /**
   * @param decimal {@code .} or {@code ,}
   * @param grouping the thousands separator, 0 for none
   */
  public NumberText(char decimal, char grouping) {
    this.decimal = decimal;
    this.grouping = grouping;
    String d = Pattern.quote(String.valueOf(decimal));
    String body =
        grouping == 0
            ? "\\d+"
            : "(?:\\d{1,3}(?:" + Pattern.quote(String.valueOf(grouping)) + "\\d{3})+|\\d+)";
    this.grouped = Pattern.compile("[-+]?" + body + "(?:" + d + "\\d+)?(?:[eE][-+]?\\d+)?");
  }

  /** The dialect's number convention. */
  public static NumberText of(Dialect dialect) {
    return new NumberText(dialect.decimalChar(), dialect.groupingChar());
  }

  /** The plain form of {@code text}, or null when it is not a number in this convention. */
  public String normalize(String text) {
    if (decimal == '.' && grouping == 0) {
      return isPlain(text) ? text : null;
    }
    if (!grouped.matcher(text).matches()) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == grouping) {
        continue;
      }
      out.append(c == decimal ? '.' : c);
    }
    return out.toString();
  }

  /**
   * Whether {@code text} is {@code [-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?} ({@code \d} being 0 to 9),
   * scanned without a regex: every numeric cell of a file in the default convention passes here,
   * and the regex matcher was about a third of the cleaner's type conversion (docs/BENCHMARKS.md).
   */
  static boolean isPlain(String text) {
    int n = text.length();
    int i = sign(text, 0);
    int end = digits(text, i);
    if (end == i) {
      return false;
    }
    i = end;
    if (i < n && text.charAt(i) == '.') {
      end = digits(text, i + 1);
      if (end == i + 1) {
        return false;
      }
      i = end;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int from = sign(text, i + 1);
      end = digits(text, from);
      if (end == from) {
        return false;
      }
      i = end;
    }
    return i == n;
  }

  /** Past an optional sign at {@code i}. */
  private static int sign(String text, int i) {
    return i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+') ? i + 1 : i;
  }

  /** Past the ASCII digits from {@code i}. */
  private static int digits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
