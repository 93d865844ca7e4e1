package io.tideway.contracts.mapping;

/** The BSON type a source column becomes. */
public enum FieldType {
  /** BSON string. */
  STRING,
  /** BSON int32. */
  INT,
  /** BSON int64. */
  LONG,
  /** BSON Decimal128, exact as written in the file. */
  DECIMAL,
  /** BSON boolean from true/false, yes/no, y/n (any case). */
  BOOLEAN,
  /** BSON date (UTC midnight for a calendar date). */
  DATE,
  /** BSON date: an instant (UTC when the format has no zone or offset), millisecond precision. */
  DATETIME,
  /** BSON string restricted to the column's declared {@code values}. */
  ENUM;

  /** The word a mapping file uses for this type. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
