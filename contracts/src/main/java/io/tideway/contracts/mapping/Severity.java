package io.tideway.contracts.mapping;

/** What breaking a rule does to a row. */
public enum Severity {
  /** The row cannot be represented faithfully and goes to {@code tideway.rejected}. */
  REJECT,
  /** The row is loaded and the rule's code is added to its {@code _quality} list. */
  WARN
}
