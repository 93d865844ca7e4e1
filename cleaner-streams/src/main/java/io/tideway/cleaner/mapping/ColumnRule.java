package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.RuleSpec;
import io.tideway.contracts.mapping.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One validation rule of a column, with its argument parsed once at start. */
final class ColumnRule {

  private final RuleSpec spec;
  private final String code;
  private final BigDecimal numberBound;
  private final LocalDate dateBound;
  private final Pattern pattern;

  private ColumnRule(
      RuleSpec spec, String code, BigDecimal numberBound, LocalDate dateBound, Pattern pattern) {
    this.spec = spec;
    this.code = code;
    this.numberBound = numberBound;
    this.dateBound = dateBound;
    this.pattern = pattern;
  }

  /**
   * Parses the rule's argument for the column's type; an unusable rule fails with {@code where}
   * named.
   */
  static ColumnRule compile(RuleSpec r, ColumnSpec column, TypedValue.Parser parser, String where) {
    String code = r.codeFor(column);
    switch (r.rule()) {
      case "min", "max" -> {
        if (r.value() == null) {
          throw new MappingException(where + ": rule '" + r.rule() + "' needs a value");
        }
        if (column.type() == FieldType.INT
            || column.type() == FieldType.LONG
            || column.type() == FieldType.DECIMAL) {
          try {
            return new ColumnRule(r, code, new BigDecimal(r.value().strip()), null, null);
          } catch (NumberFormatException e) {
            throw new MappingException(
                where + ": rule '" + r.rule() + "' value '" + r.value() + "' is not a number");
          }
        }
        if (column.type() == FieldType.DATE || column.type() == FieldType.DATETIME) {
          LocalDate bound = parser.parseDateBound(r.value().strip());
          if (bound == null) {
            throw new MappingException(
                where
                    + ": rule '"
                    + r.rule()
                    + "' value '"
                    + r.value()
                    + "' is not a date in format "
                    + parser.dateFormat()
                    + " or yyyy-MM-dd");
          }
          return new ColumnRule(r, code, null, bound, null);
        }
        throw new MappingException(
            where
                + ": rule '"
                + r.rule()
                + "' applies to int, long, decimal, date and datetime columns only");
      }
      case "pattern" -> {
        try {
          return new ColumnRule(
              r, code, null, null, Pattern.compile(r.value() == null ? "" : r.value()));
        } catch (PatternSyntaxException e) {
          throw new MappingException(
              where + ": rule 'pattern' is not a valid regular expression: " + e.getDescription());
        }
      }
      case "not_blank" -> {
        return new ColumnRule(r, code, null, null, null);
      }
      default -> throw new MappingException(where + ": unknown rule '" + r.rule() + "'");
    }
  }

  String code() {
    return code;
  }

  String rule() {
    return spec.rule();
  }

  Severity severity() {
    return spec.severity();
  }

  /** Whether the rule holds; {@code value} is the typed value (null when the cell is empty). */
  boolean holds(TypedValue value, String cleaned) {
    if ("not_blank".equals(spec.rule())) {
      return cleaned != null && !cleaned.isBlank();
    }
    if (value == null) {
      return true; // an empty optional cell is not out of range
    }
    return switch (spec.rule()) {
      case "min" -> compare(value) >= 0;
      case "max" -> compare(value) <= 0;
      case "pattern" -> pattern.matcher(cleaned).matches();
      default -> true;
    };
  }

  /** The rule as a short phrase for reject messages, e.g. "min 0". */
  String describe() {
    return spec.rule() + (spec.value() == null ? "" : " " + spec.value());
  }

  private int compare(TypedValue value) {
    return dateBound != null
        ? value.date().compareTo(dateBound)
        : value.number().compareTo(numberBound);
  }
}
