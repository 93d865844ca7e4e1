package io.tideway.contracts.mapping;

/**
 * A validation rule of a column.
 *
 * @param rule {@code min}, {@code max} (numbers and dates, inclusive), {@code pattern} (regex on
 *     the cleaned string), {@code not_blank}
 * @param value the rule's argument as written in the mapping
 * @param code the warning or reject code, e.g. {@code billing_amount.negative}; defaults to {@code
 *     <target>.<rule>}
 */
public record RuleSpec(String rule, String value, Severity severity, String code) {

  /** The code reported when the rule breaks. */
  public String codeFor(ColumnSpec column) {
    return code != null ? code : column.target() + "." + rule;
  }
}
