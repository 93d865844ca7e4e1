package io.tideway.contracts.mapping;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dates and date-times as files write them, in one or more {@link DateTimeFormatter} patterns tried
 * in order. Parsing is strict (2024-02-30 is not a date); AM/PM and zone names ignore case.
 */
public final class TemporalText {

  /** The default pattern of a date column. */
  public static final String DEFAULT_DATE = "yyyy-MM-dd";

  /** The default pattern of a datetime column: ISO 8601 with optional fraction and offset. */
  public static final String DEFAULT_DATETIME =
      "yyyy-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][XXX]";

  private final List<String> patterns;
  private final List<DateTimeFormatter> formatters;

  /** Per pattern, its fixed-width digits reading, or null when the pattern has another shape. */
  private final List<FixedDigits> fixed;

  private TemporalText(List<String> patterns, List<DateTimeFormatter> formatters) {
    this.patterns = patterns;
    this.formatters = formatters;
    this.fixed = patterns.stream().map(FixedDigits::of).toList();
  }

  /**
   * Compiles the patterns; throws {@link IllegalArgumentException} naming the first invalid one.
   */
  public static TemporalText of(List<String> patterns) {
    List<DateTimeFormatter> out = new ArrayList<>();
    for (String p : patterns) {
      try {
        // STRICT needs 'u' (proleptic year) instead of 'y' (year of era) to resolve a date.
        out.add(
            new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(p.replace('y', 'u'))
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "date format '" + p + "' is invalid: " + e.getMessage(), e);
      }
    }
    return new TemporalText(List.copyOf(patterns), List.copyOf(out));
  }

  /** The patterns, in the order they are tried. */
  public List<String> patterns() {
    return patterns;
  }

  /** The calendar date of {@code text}, or null when no pattern gives one. */
  public LocalDate date(String text) {
    for (int i = 0; i < formatters.size(); i++) {
      FixedDigits digits = fixed.get(i);
      LocalDate d = digits == null ? null : digits.date(text);
      if (d != null) {
        return d;
      }
      try {
        return LocalDate.parse(text, formatters.get(i));
      } catch (DateTimeParseException e) {
        // next pattern
      }
    }
    return null;
  }

  /** {@link #date} by the formatters alone: what the fixed-width reading must agree with. */
  LocalDate dateByFormatters(String text) {
    for (DateTimeFormatter f : formatters) {
      try {
        return LocalDate.parse(text, f);
      } catch (DateTimeParseException e) {
        // next pattern
      }
    }
    return null;
  }

  /**
   * The instant of {@code text} in epoch milliseconds (UTC when the text has no offset or zone;
   * midnight UTC for a date alone), or null when no pattern parses it.
   */
  public Long instantMillis(String text) {
    for (DateTimeFormatter f : formatters) {
      try {
        TemporalAccessor t =
            f.parseBest(
                text,
                ZonedDateTime::from,
                OffsetDateTime::from,
                LocalDateTime::from,
                LocalDate::from);
        if (t instanceof ZonedDateTime z) {
          return z.toInstant().toEpochMilli();
        }
        if (t instanceof OffsetDateTime o) {
          return o.toInstant().toEpochMilli();
        }
        if (t instanceof LocalDateTime l) {
          return l.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        // next pattern
      }
    }
    return null;
  }

  /**
   * A date pattern made only of {@code yyyy}, {@code MM}, {@code dd} and two plain separators
   * ({@code yyyy-MM-dd}, {@code dd.MM.yyyy}, {@code MM/dd/yyyy}): a text of exactly its shape is
   * read digit by digit, without the formatter's field map and resolver, which were most of a date
   * column's cost. Anything else, or a date that does not exist, is left to the formatter, so the
   * answers are the formatter's.
   */
  private record FixedDigits(String pattern, int year, int month, int day) {

    /** Separators that are literals in a pattern (not letters, quotes, brackets or '#'). */
    private static final String SEPARATORS = " -./,:_";

    static FixedDigits of(String pattern) {
      int year = pattern.indexOf("yyyy");
      int month = pattern.indexOf("MM");
      int day = pattern.indexOf("dd");
      if (year < 0 || month < 0 || day < 0 || pattern.length() != 4 + 2 + 2 + 2) {
        return null;
      }
      for (int i = 0; i < pattern.length(); i++) {
        boolean inField =
            (i >= year && i < year + 4)
                || (i >= month && i < month + 2)
                || (i >= day && i < day + 2);
        if (!inField && SEPARATORS.indexOf(pattern.charAt(i)) < 0) {
          return null;
        }
      }
      return new FixedDigits(pattern, year, month, day);
    }

    /** The date, or null to let the formatter decide. */
    LocalDate date(String text) {
      if (text.length() != pattern.length()) {
        return null;
      }
      for (int i = 0; i < text.length(); i++) {
        char p = pattern.charAt(i);
        char c = text.charAt(i);
        if (p == 'y' || p == 'M' || p == 'd' ? c < '0' || c > '9' : c != p) {
          return null;
        }
      }
      int y = number(text, year, 4);
      int m = number(text, month, 2);
      int d = number(text, day, 2);
      if (m < 1 || m > 12 || d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
        return null;
      }
      return LocalDate.of(y, m, d);
    }

    private static int number(String text, int from, int digits) {
      int n = 0;
      for (int i = from; i < from + digits; i++) {
        n = n * 10 + (text.charAt(i) - '0');
      }
      return n;
    }
  }
}
