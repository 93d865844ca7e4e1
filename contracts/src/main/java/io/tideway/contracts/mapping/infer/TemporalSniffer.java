package io.tideway.contracts.mapping.infer;

import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.TemporalText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises dates and date-times by their shape and writes the {@code DateTimeFormatter} pattern
 * of each: ISO ({@code 2024-03-01}, {@code 2024-03-01T09:30:00.250+01:00}), year-first with
 * slashes, day-first with dots ({@code 01.03.2024}), and {@code M/d/yyyy} or {@code d/M/yyyy} when
 * some value tells day and month apart (a part above 12); times with or without seconds, fractions,
 * AM/PM, and a zone ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}, {@code UTC}).
 */
final class TemporalSniffer {

  private static final String TIME =
      "(?:(T| )(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:([.,])(\\d{1,9}))?(\\s?)([AaPp][Mm])?"
          + "(\\s?)(Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4}|[+-]\\d{2}|UTC|GMT)?)?";
  private static final Pattern YEAR_FIRST =
      Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
  private static final Pattern YEAR_LAST =
      Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})" + TIME);

  /** At most this many patterns in one column; more looks like free text, not a date column. */
  static final int MAX_PATTERNS = 4;

  private TemporalSniffer() {}

  /** A date or datetime column with its patterns, or a note why it was left a string. */
  record Guess(FieldType type, List<String> patterns, String note) {}

  /** The guess for the non-empty values of a column, or null when they are not all dates. */
  static Guess guess(List<String> values) {
    boolean dayFirst = false;
    boolean monthFirst = false;
    boolean anyTime = false;
    boolean anyDateOnly = false;
    List<Shape> shapes = new ArrayList<>();
    for (String v : values) {
      Shape s = shape(v);
      if (s == null) {
        return null;
      }
      shapes.add(s);
      dayFirst |= s.firstAbove12;
      monthFirst |= s.secondAbove12;
      anyTime |= s.time != null;
      anyDateOnly |= s.time == null;
    }
    boolean ambiguous = shapes.stream().anyMatch(s -> s.slashLike);
    if (ambiguous && dayFirst && monthFirst) {
      return new Guess(null, List.of(), "mixes day-first and month-first dates; left as string");
    }
    if (ambiguous && !dayFirst && !monthFirst) {
      return new Guess(
          null,
          List.of(),
          "looks like dates, but no value tells day and month apart (all parts 12 or less): set"
              + " type: date with format M/d/yyyy or d/M/yyyy");
    }
    Set<String> patterns = new LinkedHashSet<>();
    for (Shape s : shapes) {
      patterns.add(s.pattern(dayFirst));
      if (patterns.size() > MAX_PATTERNS) {
        return null;
      }
    }
    List<String> list = List.copyOf(patterns);
    TemporalText parser = TemporalText.of(list);
    FieldType type = anyTime ? FieldType.DATETIME : FieldType.DATE;
    for (String v : values) {
      boolean ok =
          type == FieldType.DATE ? parser.date(v) != null : parser.instantMillis(v) != null;
      if (!ok) {
        return null; // e.g. 2024-02-30, 25:00: shaped like a date but not one
      }
    }
    if (anyTime && anyDateOnly) {
      return new Guess(type, list, "some values have no time: they are stored as midnight UTC");
    }
    return new Guess(type, list, null);
  }

  /** The layout of one value. */
  private record Shape(
      String date,
      String dateDayFirst,
      String time,
      boolean slashLike,
      boolean firstAbove12,
      boolean secondAbove12) {

    String pattern(boolean dayFirstColumn) {
      String d = slashLike && dayFirstColumn ? dateDayFirst : date;
      return time == null ? d : d + time;
    }
  }

  private static Shape shape(String v) {
    Matcher m = YEAR_FIRST.matcher(v);
    if (m.matches()) {
      String sep = m.group(2);
      String date = "yyyy" + sep + width(m.group(3), "M") + sep + width(m.group(4), "d");
      return new Shape(date, date, time(m, 5), false, false, false);
    }
    m = YEAR_LAST.matcher(v);
    if (m.matches()) {
      String sep = m.group(2);
      String year = m.group(4).length() == 4 ? "yyyy" : "yy";
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      if (sep.equals(".")) {
        // Day-first is the only dotted order in use (German, Swiss, Nordic, Russian exports).
        String date = width2(m.group(1), m.group(3), "d", "M", sep) + sep + year;
        return new Shape(date, date, time(m, 5), false, false, false);
      }
      return new Shape(
          "M" + sep + "d" + sep + year,
          "d" + sep + "M" + sep + year,
          time(m, 5),
          true,
          a > 12,
          b > 12);
    }
    return null;
  }

  private static String width(String digits, String letter) {
    return digits.length() == 2 ? letter + letter : letter;
  }

  private static String width2(String first, String second, String a, String b, String sep) {
    return first.length() == 2 && second.length() == 2 ? a + a + sep + b + b : a + sep + b;
  }

  /** The time part's pattern from the groups after {@code from}, or null when there is none. */
  private static String time(Matcher m, int from) {
    String sep = m.group(from);
    if (sep == null) {
      return null;
    }
    StringBuilder p = new StringBuilder(sep.equals("T") ? "'T'" : " ");
    boolean ampm = m.group(from + 7) != null;
    p.append(ampm ? "h" : width(m.group(from + 1), "H")).append(":mm");
    if (m.group(from + 3) != null) {
      p.append(":ss");
    }
    if (m.group(from + 5) != null) {
      p.append(m.group(from + 4)).append("S".repeat(m.group(from + 5).length()));
    }
    if (ampm) {
      p.append(m.group(from + 6)).append("a");
    }
    String zone = m.group(from + 9);
    if (zone != null) {
      // Without AM/PM the first optional space is the one before the zone.
      p.append(ampm ? m.group(from + 8) : m.group(from + 6) + m.group(from + 8));
      if (zone.equals("UTC") || zone.equals("GMT")) {
        p.append("'").append(zone).append("'");
      } else if (zone.equals("Z") || zone.length() == 6) {
        p.append("XXX");
      } else if (zone.length() == 5) {
        p.append("XX");
      } else {
        p.append("X");
      }
    }
    return p.toString();
  }
}
