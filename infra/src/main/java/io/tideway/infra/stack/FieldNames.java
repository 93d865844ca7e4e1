package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One string per field name for the documents a collection stores. The library decodes every
 * inserted document with new strings for its field names, and a stored document of the reference
 * mapping spends about as much memory on its 30-odd names as on its values; every one of those
 * objects is copied by the collector once more before the store's memory is settled. A copy of the
 * document with shared names leaves the decoded one to die young. Not thread-safe: the collection
 * calls it under its lock.
 */
final class FieldNames {

  /**
   * Names beyond this many are kept as they come: a collection of free-form keys must not grow it.
   */
  private static final int MAX_NAMES = 4096;

  private final Map<String, String> names = new HashMap<>();

  /** {@code document} with every field name, at any depth, replaced by its shared string. */
  Document share(Document document) {
    Document out = new Document();
    document.forEach((name, value) -> out.put(name(name), value(value)));
    return out;
  }

  private Object value(Object value) {
    if (value instanceof Document d) {
      return share(d);
    }
    if (value instanceof List<?> list
        && list.stream().anyMatch(v -> v instanceof Document || v instanceof List)) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(value(v)));
      return out;
    }
    return value;
  }

  private String name(String name) {
    String shared = names.get(name);
    if (shared != null) {
      return shared;
    }
    if (names.size() < MAX_NAMES) {
      names.put(name, name);
    }
    return name;
  }
}
