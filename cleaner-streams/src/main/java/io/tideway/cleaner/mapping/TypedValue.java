package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.Dialect;
import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.NumberText;
import io.tideway.contracts.mapping.TemporalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * A cleaned cell converted to its BSON type, with the canonical string that goes into the dedup
 * key.
 *
 * @param number set for int, long and decimal values (for min/max)
 * @param date set for date values, and the UTC day of datetime values (for min/max and derived
 *     fields)
 */
record TypedValue(BsonValue bson, String keyString, BigDecimal number, LocalDate date) {

  /** Decimal128's exponent range and bias (IEEE 754-2008). */
  private static final int MIN_EXPONENT = -6176;

  private static final int MAX_EXPONENT = 6111;
  private static final int EXPONENT_BIAS = 6176;

  private static final Set<String> TRUE = Set.of("true", "yes", "y");
  private static final Set<String> FALSE = Set.of("false", "no", "n");

  /** Converts cleaned strings of one column; built once per column at start. */
  static final class Parser {
    private final ColumnSpec column;
    private final NumberText numbers;
    private final TemporalText temporal;

    Parser(ColumnSpec column, Dialect dialect, String where) {
      this.column = column;
      this.numbers = NumberText.of(dialect);
      TemporalText t = null;
      if (column.type() == FieldType.DATE || column.type() == FieldType.DATETIME) {
        List<String> patterns = column.allFormats();
        if (patterns.isEmpty()) {
          patterns =
              List.of(
                  column.type() == FieldType.DATE
                      ? TemporalText.DEFAULT_DATE
                      : TemporalText.DEFAULT_DATETIME);
        }
        try {
          t = TemporalText.of(patterns);
        } catch (IllegalArgumentException e) {
          throw new MappingException(where + ": " + e.getMessage());
        }
      }
      this.temporal = t;
    }

    String dateFormat() {
      return temporal == null ? "" : String.join(" or ", temporal.patterns());
    }

    /** The typed value, or null when {@code cleaned} cannot be represented (the caller rejects). */
    TypedValue parse(String cleaned) {
      switch (column.type()) {
        case INT, LONG -> {
          String plain = numbers.normalize(cleaned);
          if (plain == null) {
            return null;
          }
          try {
            long v = Long.parseLong(plain.startsWith("+") ? plain.substring(1) : plain);
            if (column.type() == FieldType.INT) {
              if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                return null;
              }
              return new TypedValue(
                  new BsonInt32((int) v), Long.toString(v), BigDecimal.valueOf(v), null);
            }
            return new TypedValue(new BsonInt64(v), Long.toString(v), BigDecimal.valueOf(v), null);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        case DECIMAL -> {
          String plain = numbers.normalize(cleaned);
          if (plain == null) {
            return null;
          }
          try {
            BigDecimal v = new BigDecimal(plain);
            // Decimal128 keeps the scale as written: 100.50 stays 100.50.
            return new TypedValue(new BsonDecimal128(decimal128(v)), plain, v, null);
          } catch (NumberFormatException e) {
            return null; // more than 34 significant digits
          }
        }
        case BOOLEAN -> {
          String v = cleaned.toLowerCase(Locale.ROOT);
          boolean b;
          if (TRUE.contains(v)) {
            b = true;
          } else if (FALSE.contains(v)) {
            b = false;
          } else {
            return null;
          }
          return new TypedValue(BsonBoolean.valueOf(b), Boolean.toString(b), null, null);
        }
        case DATE -> {
          LocalDate d = temporal.date(cleaned);
          if (d == null || d.getYear() < 1 || d.getYear() > 9999) {
            return null; // outside what BSON tools and derived day counts handle sensibly
          }
          long millis = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
          return new TypedValue(new BsonDateTime(millis), d.toString(), null, d);
        }
        case DATETIME -> {
          Long millis = temporal.instantMillis(cleaned);
          if (millis == null) {
            return null;
          }
          Instant at = Instant.ofEpochMilli(millis);
          LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
          if (day.getYear() < 1 || day.getYear() > 9999) {
            return null;
          }
          return new TypedValue(new BsonDateTime(millis), at.toString(), null, day);
        }
        default -> {
          return new TypedValue(new BsonString(cleaned), cleaned, null, null);
        }
      }
    }

    /**
     * {@code new Decimal128(v)}, encoded directly when it has at most 18 digits (amounts as files
     * write them): the library's constructor tests the unscaled value's bits one at a time through
     * a {@code BigInteger}, which was a sixth of the cleaner's type conversion
     * (docs/BENCHMARKS.md). IEEE 754-2008 BID: sign bit, then the exponent biased by 6176 from bit
     * 49 of the high word, the coefficient in the low word.
     */
    static Decimal128 decimal128(BigDecimal v) {
      int exponent = -v.scale();
      if (v.precision() > 18 || exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
        return new Decimal128(v);
      }
      long unscaled = v.scaleByPowerOfTen(v.scale()).longValue();
      long high = (long) (exponent + EXPONENT_BIAS) << 49 | (unscaled < 0 ? Long.MIN_VALUE : 0L);
      return Decimal128.fromIEEE754BIDEncoding(high, Math.abs(unscaled));
    }

    /** A rule bound of a date column: in the column format, or ISO. */
    LocalDate parseDateBound(String value) {
      LocalDate d = temporal == null ? null : temporal.date(value);
      if (d != null) {
        return d;
      }
      try {
        return LocalDate.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
  }
}
