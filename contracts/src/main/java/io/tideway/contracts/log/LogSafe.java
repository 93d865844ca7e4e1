package io.tideway.contracts.log;

/**
 * Makes untrusted text (file names, paths, ids from requests) safe to put in a log line: a name
 * with a line break or a terminal escape must not forge or hide log lines. Payloads keep the real
 * text; only what is logged goes through here.
 */
public final class LogSafe {

  private LogSafe() {}

  /**
   * {@code value}'s text with every control character (C0, DEL, C1), Unicode line or paragraph
   * separator and bidirectional override escaped Java-style ({@code \n}, {@code \r}, {@code \t},
   * {@code \}{@code u001b}); a backslash becomes {@code \\} so the escaped form is unambiguous.
   * Returns the same string when nothing needs escaping; {@code null} gives "null".
   */
  public static String of(Object value) {
    String s = String.valueOf(value);
    int i = 0;
    while (i < s.length() && !needsEscape(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (needsEscape(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(char c) {
    return c == '\\'
        || Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        // Bidi marks, embeddings, overrides and isolates reorder what a terminal shows.
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
