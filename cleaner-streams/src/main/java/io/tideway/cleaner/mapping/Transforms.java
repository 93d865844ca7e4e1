package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.Transform;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The string cleaning steps of a mapping (all but {@code pseudonymize}, which runs after the dedup
 * key).
 */
public final class Transforms {

  /** What {@code collapse_spaces} and {@code strip_trailing_punctuation} mean, as regexes. */
  static final Pattern SPACES = Pattern.compile("\\s+");

  static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.,;:!?]+$");

  private Transforms() {}

  /**
   * Applies one step; {@code PSEUDONYMIZE} is not a cleaning step and leaves the value unchanged.
   */
  public static String apply(Transform transform, String value) {
    return switch (transform) {
      case TRIM -> value.strip();
      case COLLAPSE_SPACES -> collapseSpaces(value);
      case TITLE_CASE -> TitleCase.apply(value);
      case UPPER -> value.toUpperCase(Locale.ROOT);
      case LOWER -> value.toLowerCase(Locale.ROOT);
      case STRIP_TRAILING_PUNCTUATION -> stripTrailingPunctuation(value);
      case PSEUDONYMIZE -> value;
    };
  }

  /**
   * {@link #SPACES} replaced by one space, without a regex or a copy for a cell that has nothing to
   * collapse (nearly every cell: the regex was a hot spot of the cleaner, docs/BENCHMARKS.md).
   */
  static String collapseSpaces(String value) {
    int n = value.length();
    StringBuilder out = null;
    int i = 0;
    while (i < n) {
      char c = value.charAt(i);
      if (!isSpace(c)) {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      int end = i + 1;
      while (end < n && isSpace(value.charAt(end))) {
        end++;
      }
      if (out == null && (end - i > 1 || c != ' ')) {
        out = new StringBuilder(n).append(value, 0, i);
      }
      if (out != null) {
        out.append(' ');
      }
      i = end;
    }
    return out == null ? value : out.toString();
  }

  /** {@link #TRAILING_PUNCTUATION} removed, without a regex for the usual cell. */
  static String stripTrailingPunctuation(String value) {
    int end = value.length();
    if (end > 0 && isFinalTerminatorOutsideTheSet(value.charAt(end - 1))) {
      // The regex's $ also matches before such a final line terminator: leave it to the regex.
      return TRAILING_PUNCTUATION.matcher(value).replaceFirst("");
    }
    while (end > 0 && isTrailingPunctuation(value.charAt(end - 1))) {
      end--;
    }
    return end == value.length() ? value : value.substring(0, end);
  }

  /** The regex's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isTrailingPunctuation(char c) {
    return isSpace(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
  }

  private static boolean isFinalTerminatorOutsideTheSet(char c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
