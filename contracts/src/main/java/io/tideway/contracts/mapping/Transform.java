package io.tideway.contracts.mapping;

/** Cleaning steps applied in declared order to a raw value before it is typed. */
public enum Transform {
  TRIM,
  COLLAPSE_SPACES,
  /** Title case that keeps tokens such as MD, DDS, DVM, PhD, II, III and Jr. right. */
  TITLE_CASE,
  UPPER,
  LOWER,
  STRIP_TRAILING_PUNCTUATION,
  /** Keyed HMAC-SHA256 (key from {@code TIDEWAY_PSEUDONYMIZE_KEY}); applied after the dedup key. */
  PSEUDONYMIZE
}
