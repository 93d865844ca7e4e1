package io.tideway.cleaner.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Title case for person names and labels: "dr. jOHN mcdonald-o'neil iii md" becomes "Dr. John
 * McDonald-O'Neil III MD". Suffixes and degrees keep their conventional spelling.
 */
public final class TitleCase {

  /**
   * Tokens with a fixed spelling, looked up by their lower-case form without trailing dots or
   * commas.
   */
  private static final Map<String, String> FIXED =
      Stream.of(
              "MD", "DDS", "DMD", "DVM", "PhD", "RN", "LPN", "MBA", "CPA", "DPM", "II", "III", "IV",
              "Jr", "Sr", "Esq")
          .collect(
              Collectors.toUnmodifiableMap(s -> s.toLowerCase(Locale.ROOT), Function.identity()));

  /**
   * Fixed tokens that may also be a first name; only recognised after the first word. Ambiguous
   * tokens such as "Do" (a surname) or "Vi" are deliberately not fixed at all.
   */
  private static final java.util.Set<String> SUFFIX_ONLY = java.util.Set.of("iv");

  private TitleCase() {}

  /** The longest token of {@link #FIXED}: a longer word is never looked up. */
  private static final int LONGEST_FIXED =
      FIXED.keySet().stream().mapToInt(String::length).max().orElse(0);

  /** Title-cases every space-separated word; whitespace is preserved as is. */
  public static String apply(String value) {
    return apply(value, true);
  }

  /**
   * With {@code asciiInPlace}, an ASCII word is title-cased straight into the result, without the
   * intermediate strings of the general path (which every other word takes, and which a test checks
   * it against); the answer is the same.
   */
  static String apply(String value, boolean asciiInPlace) {
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    int wordIndex = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      boolean ascii = true;
      while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
        ascii &= value.charAt(end) < 0x80;
        end++;
      }
      if (ascii && asciiInPlace) {
        asciiWord(out, value, i, end, wordIndex++);
      } else {
        out.append(word(value.substring(i, end), wordIndex++));
      }
      i = end;
    }
    return out.toString();
  }

  /** {@link #word} for the ASCII word {@code s[from, to)}, appended to {@code out}. */
  private static void asciiWord(StringBuilder out, String s, int from, int to, int index) {
    int start = from;
    int end = to;
    while (start < end && !asciiLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !asciiLetterOrDigit(s.charAt(end - 1))) {
      end--;
    }
    out.append(s, from, start);
    if (start < end && end - start <= LONGEST_FIXED) {
      String lower = s.substring(start, end).toLowerCase(Locale.ROOT);
      String fixed = FIXED.get(lower);
      if (fixed != null && (index > 0 || !SUFFIX_ONLY.contains(lower))) {
        out.append(fixed).append(s, end, to);
        return;
      }
    }
    int part = start;
    for (int i = start; i < end; i++) {
      if (s.charAt(i) == '-') {
        asciiPart(out, s, part, i);
        out.append('-');
        part = i + 1;
      }
    }
    if (start < end) {
      asciiPart(out, s, part, end);
    }
    out.append(s, end, to);
  }

  /** {@link #part} for the ASCII part {@code s[from, to)}, appended to {@code out}. */
  private static void asciiPart(StringBuilder out, String s, int from, int to) {
    int length = to - from;
    if (length > 2 && s.charAt(from + 1) == '\'' && s.charAt(from) != '\'') {
      capitalised(out, s, from, from + 2);
      capitalised(out, s, from + 2, to);
    } else if (length > 3
        && (s.charAt(from) | 0x20) == 'm'
        && (s.charAt(from + 1) | 0x20) == 'c'
        && asciiLetter(s.charAt(from + 2))) {
      out.append("Mc");
      capitalised(out, s, from + 2, to);
    } else if (length > 0) {
      capitalised(out, s, from, to);
    }
  }

  /**
   * The ASCII {@code s[from, to)} with its first letter upper case and the rest lower case: ASCII
   * arithmetic, which is what {@link Character}'s case mapping does for ASCII, without its table.
   */
  private static void capitalised(StringBuilder out, String s, int from, int to) {
    char first = s.charAt(from);
    out.append(first >= 'a' && first <= 'z' ? (char) (first - 0x20) : first);
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c);
    }
  }

  private static boolean asciiLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  private static boolean asciiLetterOrDigit(char c) {
    return asciiLetter(c) || (c >= '0' && c <= '9');
  }

  private static String word(String word, int index) {
    // Keep leading/trailing punctuation (commas, dots, parentheses) around the core token.
    int start = 0;
    int end = word.length();
    while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return word;
    }
    String core = word.substring(start, end);
    String fixed = FIXED.get(core.toLowerCase(Locale.ROOT));
    if (fixed != null && (index > 0 || !SUFFIX_ONLY.contains(core.toLowerCase(Locale.ROOT)))) {
      return word.substring(0, start) + fixed + word.substring(end);
    }
    return word.substring(0, start) + hyphenated(core) + word.substring(end);
  }

  private static String hyphenated(String core) {
    StringBuilder out = new StringBuilder(core.length());
    int from = 0;
    for (int i = 0; i <= core.length(); i++) {
      if (i == core.length() || core.charAt(i) == '-') {
        out.append(part(core.substring(from, i)));
        if (i < core.length()) {
          out.append('-');
        }
        from = i + 1;
      }
    }
    return out.toString();
  }

  private static String part(String part) {
    if (part.isEmpty()) {
      return part;
    }
    String lower = part.toLowerCase(Locale.ROOT);
    // O'Brien, D'Angelo: a one-letter prefix before an apostrophe is its own capitalised word.
    int apostrophe = indexOfApostrophe(lower);
    if (apostrophe == 1 && lower.length() > 2) {
      return capitalise(lower.substring(0, 2)) + capitalise(lower.substring(2));
    }
    // McDonald: "Mc" followed by at least two letters.
    if (lower.startsWith("mc") && lower.length() > 3 && Character.isLetter(lower.charAt(2))) {
      return "Mc" + capitalise(lower.substring(2));
    }
    return capitalise(lower);
  }

  private static int indexOfApostrophe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '\u2019') {
        return i;
      }
    }
    return -1;
  }

  private static String capitalise(String lower) {
    if (lower.isEmpty()) {
      return lower;
    }
    int first = lower.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toTitleCase(first))
        .append(lower, Character.charCount(first), lower.length())
        .toString();
  }
}
