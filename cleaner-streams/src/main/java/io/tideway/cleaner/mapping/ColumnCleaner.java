package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.RuleSpec;
import io.tideway.contracts.mapping.Severity;
import io.tideway.contracts.mapping.Transform;
import io.tideway.contracts.payload.RejectedRow.Reason;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonString;

/** One column of a mapping, compiled: cleans, types and validates the cells of that column. */
final class ColumnCleaner {

  private final ColumnSpec spec;
  private final List<Transform> steps;
  private final boolean pseudonymize;
  private final TypedValue.Parser parser;
  private final List<ColumnRule> rules;

  ColumnCleaner(ColumnSpec spec, io.tideway.contracts.mapping.Dialect dialect, String where) {
    this.spec = spec;
    List<Transform> t = spec.transforms();
    int p = t.indexOf(Transform.PSEUDONYMIZE);
    if (p >= 0 && p != t.size() - 1) {
      throw new MappingException(where + ": pseudonymize must be the last transform");
    }
    if (p >= 0 && spec.type() != FieldType.STRING) {
      throw new MappingException(where + ": pseudonymize applies to string columns only");
    }
    this.pseudonymize = p >= 0;
    this.steps = p >= 0 ? t.subList(0, p) : t;
    this.parser = new TypedValue.Parser(spec, dialect, where);
    List<ColumnRule> compiled = new ArrayList<>();
    for (RuleSpec r : spec.rules()) {
      compiled.add(ColumnRule.compile(r, spec, parser, where));
    }
    this.rules = List.copyOf(compiled);
  }

  ColumnSpec spec() {
    return spec;
  }

  boolean pseudonymizes() {
    return pseudonymize;
  }

  /**
   * Cleans one cell. Adds reject reasons or warning codes; returns the typed value, or null for an
   * empty optional cell or a rejected one.
   */
  TypedValue clean(String raw, List<Reason> reasons, List<String> warnings) {
    String cleaned = raw == null ? "" : raw;
    for (Transform step : steps) {
      cleaned = Transforms.apply(step, cleaned);
    }
    if (cleaned.isBlank() || spec.nullValues().contains(cleaned)) {
      if (spec.isRequired()) {
        reasons.add(reason("required", raw, "required value is missing"));
        return null;
      }
      checkRules(null, cleaned, raw, reasons, warnings);
      return null;
    }
    if (spec.type() == FieldType.ENUM && !spec.values().contains(cleaned)) {
      reasons.add(reason("enum", raw, "'" + cleaned + "' is not one of " + spec.values()));
      return null;
    }
    TypedValue typed = parser.parse(cleaned);
    if (typed == null) {
      reasons.add(
          reason(spec.type().name().toLowerCase(java.util.Locale.ROOT), raw, unparseable()));
      return null;
    }
    checkRules(typed, cleaned, raw, reasons, warnings);
    return typed;
  }

  /** The stored string of a pseudonymized column (the key string stays the clear value). */
  TypedValue pseudonymized(TypedValue clear, Pseudonymizer pseudonymizer) {
    return new TypedValue(
        new BsonString(pseudonymizer.apply(clear.keyString())), clear.keyString(), null, null);
  }

  private void checkRules(
      TypedValue typed, String cleaned, String raw, List<Reason> reasons, List<String> warnings) {
    for (ColumnRule rule : rules) {
      if (rule.holds(typed, cleaned)) {
        continue;
      }
      if (rule.severity() == Severity.REJECT) {
        reasons.add(reason(rule.code(), raw, "breaks rule " + rule.describe()));
      } else if (!warnings.contains(rule.code())) {
        warnings.add(rule.code());
      }
    }
  }

  private String unparseable() {
    return switch (spec.type()) {
      case INT -> "not a whole number in int32 range";
      case LONG -> "not a whole number in int64 range";
      case DECIMAL -> "not a decimal number";
      case BOOLEAN -> "not a boolean (true/false, yes/no, y/n)";
      case DATE -> "not a date in format " + parser.dateFormat();
      case DATETIME -> "not a date-time in format " + parser.dateFormat();
      default -> "cannot be represented";
    };
  }

  private Reason reason(String rule, String raw, String message) {
    return new Reason(spec.source(), rule, raw, spec.target() + ": " + message);
  }
}
