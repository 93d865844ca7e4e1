package io.tideway.cleaner.mapping;

import io.tideway.contracts.mapping.Transform;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The string cleaning steps of a mapping (all but {@code pseudonymize}, which runs after the dedup
 * key).
 */
public final class Transforms {

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.,;:!?]+$");

  private Transforms() {}

  /**
   * Applies one step; {@code PSEUDONYMIZE} is not a cleaning step and leaves the value unchanged.
   */
  public static String apply(Transform transform, String value) {
    return switch (transform) {
      case TRIM -> value.strip();
      case COLLAPSE_SPACES -> SPACES.matcher(value).replaceAll(" ");
      case TITLE_CASE -> TitleCase.apply(value);
      case UPPER -> value.toUpperCase(Locale.ROOT);
      case LOWER -> value.toLowerCase(Locale.ROOT);
      case STRIP_TRAILING_PUNCTUATION -> TRAILING_PUNCTUATION.matcher(value).replaceFirst("");
      case PSEUDONYMIZE -> value;
    };
  }
}
