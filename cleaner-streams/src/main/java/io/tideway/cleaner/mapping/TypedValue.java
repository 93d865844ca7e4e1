package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.MappingException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * A cleaned cell converted to its BSON type, with the canonical string that goes into the dedup
 * key.
 *
 * @param number set for int and decimal values (for min/max)
 * @param date set for date values (for min/max and derived fields)
 */
record TypedValue(BsonValue bson, String keyString, BigDecimal number, LocalDate date) {

  /** Converts cleaned strings of one column; built once per column at start. */
  static final class Parser {
    private final ColumnSpec column;
    private final String dateFormat;
    private final DateTimeFormatter dateFormatter;

    Parser(ColumnSpec column, String where) {
      this.column = column;
      this.dateFormat =
          column.format() == null || column.format().isBlank() ? "yyyy-MM-dd" : column.format();
      DateTimeFormatter f = null;
      if (column.type() == io.tideway.contracts.mapping.FieldType.DATE) {
        try {
          // STRICT rejects 2024-02-30; it needs 'u' (proleptic year) instead of 'y' (year of era).
          f =
              DateTimeFormatter.ofPattern(dateFormat.replace('y', 'u'))
                  .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
          throw new MappingException(
              where + ": date format '" + dateFormat + "' is invalid: " + e.getMessage());
        }
      }
      this.dateFormatter = f;
    }

    String dateFormat() {
      return dateFormat;
    }

    /** The typed value, or null when {@code cleaned} cannot be represented (the caller rejects). */
    TypedValue parse(String cleaned) {
      switch (column.type()) {
        case INT -> {
          try {
            int v = Integer.parseInt(cleaned);
            return new TypedValue(
                new BsonInt32(v), Integer.toString(v), BigDecimal.valueOf(v), null);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        case DECIMAL -> {
          try {
            BigDecimal v = new BigDecimal(cleaned);
            // Decimal128 keeps the scale as written: 100.50 stays 100.50.
            return new TypedValue(new BsonDecimal128(new Decimal128(v)), cleaned, v, null);
          } catch (NumberFormatException e) {
            return null; // not a number, or more than 34 significant digits
          }
        }
        case DATE -> {
          try {
            LocalDate d = LocalDate.parse(cleaned, dateFormatter);
            if (d.getYear() < 1 || d.getYear() > 9999) {
              return null; // outside what BSON tools and derived day counts handle sensibly
            }
            long millis = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return new TypedValue(new BsonDateTime(millis), d.toString(), null, d);
          } catch (DateTimeParseException e) {
            return null;
          }
        }
        default -> {
          return new TypedValue(new BsonString(cleaned), cleaned, null, null);
        }
      }
    }

    /** A rule bound of a date column: in the column format, or ISO. */
    LocalDate parseDateBound(String value) {
      try {
        return LocalDate.parse(value, dateFormatter);
      } catch (DateTimeParseException e) {
        try {
          return LocalDate.parse(value);
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }
  }
}
