package io.tideway.infra.stack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Set;

/**
 * A document's key under a one-field index, computed directly for the usual shape: a string reached
 * through embedded documents (a file id, a document id). The library's generic key code collects
 * values per key through streams and normalizes each; for a string that is the string itself.
 * Anything else (numbers, arrays, a missing field, null) is left to the library.
 */
final class StringKey {

  private StringKey() {}

  /** The field's path, split once per index. */
  static String[] path(String field) {
    return field.split("\\.");
  }

  /** The document's key as the library would compute it, or null when the library must. */
  static Set<KeyValue> of(String[] path, Document document) {
    String value = value(path, document);
    return value != null ? Set.of(new KeyValue(value)) : null;
  }

  /**
   * The string at {@code path}, reached through embedded documents only; null for anything else (an
   * array or a scalar on the way, a missing field, a value that is no string).
   */
  static String value(String[] path, Document document) {
    Object at = document;
    for (String part : path) {
      if (!(at instanceof Document d)) {
        return null;
      }
      at = d.get(part);
    }
    return at instanceof String s ? s : null;
  }
}
