package io.tideway.contracts.mapping;

import java.util.regex.Pattern;

/**
 * Numbers as files write them: an optional sign, digits with an optional grouping separator every
 * three digits, and a fraction after the dialect's decimal separator. Normalises them to the plain
 * form {@code -1234.56} that {@code BigDecimal} and {@code Long} parse.
 */
public final class NumberText {

  private static final Pattern PLAIN = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

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
      return PLAIN.matcher(text).matches() ? text : null;
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
}
