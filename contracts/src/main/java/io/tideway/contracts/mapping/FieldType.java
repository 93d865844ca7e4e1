package io.tideway.contracts.mapping;

/** The BSON type a source column becomes. */
public enum FieldType {
  /** BSON string. */
  STRING,
  /** BSON int32. */
  INT,
  /** BSON Decimal128, exact as written in the file. */
  DECIMAL,
  /** BSON date (UTC midnight for a calendar date). */
  DATE,
  /** BSON string restricted to the column's declared {@code values}. */
  ENUM
}
