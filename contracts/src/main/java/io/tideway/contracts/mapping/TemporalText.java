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

  private TemporalText(List<String> patterns, List<DateTimeFormatter> formatters) {
    this.patterns = patterns;
    this.formatters = formatters;
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
}
