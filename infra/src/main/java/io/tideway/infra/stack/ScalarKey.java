package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;

/**
 * A document's key under a one-field index, computed directly for the usual shape: a string or a
 * date reached through embedded documents (a file id, a document id, a name, an admission date).
 * The library's generic key code collects values per key through streams and normalizes each; for a
 * string or a date that is the value itself. Anything else (numbers, arrays, a missing field, null)
 * is left to the library.
 */
final class ScalarKey {

  private ScalarKey() {}

  /** The field's path, split once per index. */
  static String[] path(String field) {
    return field.split("\\.");
  }

  /**
   * The string at {@code path}, reached through embedded documents only; null for anything else (an
   * array or a scalar on the way, a missing field, a value that is no string).
   */
  static String value(String[] path, Document document) {
    return at(path, document) instanceof String s ? s : null;
  }

  /**
   * The string or date at {@code path}, reached through embedded documents only, else null: the
   * values the library's key normalization leaves as they are ({@link #isScalar}).
   */
  static Object scalar(String[] path, Document document) {
    Object value = at(path, document);
    return isScalar(value) ? value : null;
  }

  /**
   * Whether a value is its own normalized key: a string, or a date (the library decodes BSON dates
   * to {@link Instant}). Numbers are not (1 and 1.0 are one key), nor are documents and arrays.
   */
  static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Instant;
  }

  /**
   * Whether {@code path} ends in nothing or null, reached through embedded documents only: a
   * document that no query for a value at the path can match.
   */
  static boolean missing(String[] path, Document document) {
    return at(path, document) == null;
  }

  /**
   * What {@link #at} answers when an array or a scalar lies on the way: a query may reach into it.
   */
  private static final Object THROUGH_NON_DOCUMENT = new Object();

  /**
   * The value at {@code path}: null when missing, {@link #THROUGH_NON_DOCUMENT} past a
   * non-document.
   */
  private static Object at(String[] path, Document document) {
    Object at = document;
    for (String part : path) {
      if (at == null) {
        return null;
      }
      if (!(at instanceof Document d)) {
        return THROUGH_NON_DOCUMENT;
      }
      at = d.get(part);
    }
    return at;
  }
}
