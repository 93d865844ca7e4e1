package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A secondary (non-unique) index of the embedded store that finds documents by the value of one
 * field, for equality and {@code $in} queries. The library accepts such indexes but answers every
 * query by scanning the whole collection, so a file's audit cost grew with everything stored before
 * it (0.4–0.8 s at 275,000 documents for a file of 55,500); {@code mongod} uses the index. Only the
 * in-memory store uses it: on disk the library would rebuild it from every stored document whenever
 * the file opens, delaying the first answer after a restart by seconds per 100,000 documents. Other
 * queries (ranges, several fields, {@code null}) are left to the scan; the collection still matches
 * every candidate against the whole query, so an index that returns a superset is never wrong.
 */
final class FieldIndex<P> extends Index<P> {

  private static final String IN = "$in";

  private final String field;

  private final String[] path;

  /** Field value to the positions of the documents holding it, by their {@code _id}. */
  private final Map<KeyValue, Map<Object, P>> positions = new HashMap<>();

  private long entries;

  private long lookups;

  FieldIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.field = keys.get(0).getKey();
    this.path = StringKey.path(field);
  }

  /** Whether the library's secondary index with these keys is one this class serves. */
  static boolean serves(List<IndexKey> keys) {
    return keys.size() == 1;
  }

  @Override
  public P getPosition(Document document) {
    return null; // not unique: no single position answers for a document's values
  }

  @Override
  public void checkAdd(Document document, MongoCollection<P> collection) {
    // not unique: every document may be added
  }

  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    Object id = document.get("_id");
    for (KeyValue value : keyValues(document)) {
      if (positions
              .computeIfAbsent(value.normalized(), k -> new LinkedHashMap<>())
              .put(id, position)
          == null) {
        entries++;
      }
    }
  }

  @Override
  public synchronized P remove(Document document) {
    Object id = document.get("_id");
    P removed = null;
    for (KeyValue value : keyValues(document)) {
      KeyValue key = value.normalized();
      Map<Object, P> byId = positions.get(key);
      if (byId != null) {
        P p = byId.remove(id);
        if (p != null) {
          removed = p;
          entries--;
        }
        if (byId.isEmpty()) {
          positions.remove(key);
        }
      }
    }
    return removed;
  }

  /** The library's {@link #getKeyValues}, computed directly when it can ({@link StringKey}). */
  Set<KeyValue> keyValues(Document document) {
    Set<KeyValue> key = StringKey.of(path, document);
    return key != null ? key : getKeyValues(document);
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return query.size() == 1 && query.containsKey(field) && values(query.get(field)) != null;
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    lookups++;
    List<P> out = new ArrayList<>();
    for (Object value : values(query.get(field))) {
      Map<Object, P> byId = positions.get(new KeyValue(value).normalized());
      if (byId != null) {
        out.addAll(byId.values());
      }
    }
    return out;
  }

  /**
   * The values a condition on the field asks for: one for equality with a plain value, the list of
   * an {@code $in}; null for anything else (operators, embedded documents, null).
   */
  private static Collection<?> values(Object condition) {
    if (condition == null) {
      return null; // null also matches a missing field, which the index does not list
    }
    if (condition instanceof Document d) {
      if (d.size() == 1
          && d.get(IN) instanceof Collection<?> in
          && in.stream().allMatch(FieldIndex::plain)) {
        return in;
      }
      return null;
    }
    return plain(condition) ? List.of(condition) : null;
  }

  private static boolean plain(Object value) {
    return value != null
        && !(value instanceof Document)
        && !(value instanceof Collection<?>)
        && !(value instanceof java.util.regex.Pattern);
  }

  /** How many queries this index has answered (tests: proof that a query did not scan). */
  synchronized long lookups() {
    return lookups;
  }

  @Override
  public synchronized long getCount() {
    return entries;
  }

  @Override
  public long getDataSize() {
    return 0; // kept in memory only
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    // not unique: every update may be applied
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
    remove(oldDocument);
    add(newDocument, position, collection);
  }

  @Override
  public synchronized void drop() {
    positions.clear();
    entries = 0;
  }
}
