package io.tideway.cleaner.mapping;

/** How one cell of a mapped column fared, for the quality report (one character per column). */
public enum ColumnState {
  /**
   * Present and conforming to the column's type, domain and reject rules (warnings still conform).
   */
  CONFORMING('c'),
  /** Empty (after transforms, blank) or absent. */
  MISSING('m'),
  /** Present but breaking the type, the domain or a reject rule. */
  INVALID('i');

  private final char code;

  ColumnState(char code) {
    this.code = code;
  }

  public char code() {
    return code;
  }

  /**
   * The state of a cell: blank or absent is missing whatever the rules said; else invalid iff it
   * added a reject reason.
   */
  public static ColumnState of(String raw, boolean rejected) {
    if (raw == null || raw.isBlank()) {
      return MISSING;
    }
    return rejected ? INVALID : CONFORMING;
  }

  /** The state of a code character, or null for an unknown one. */
  public static ColumnState ofCode(char code) {
    for (ColumnState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
