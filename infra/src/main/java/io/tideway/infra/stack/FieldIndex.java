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
import java.util.LinkedHashSet;
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

  /** Field value ({@link #key}) to the positions of the documents holding it. */
  private final Map<Object, Postings<P>> positions = new HashMap<>();

  private long entries;

  private long lookups;

  /**
   * Documents filed through the library's keys (an array, a number or a document at the field):
   * while none are, a string's postings are exactly the documents whose field is that string.
   */
  private long filedOtherwise;

  FieldIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.field = keys.get(0).getKey();
    this.path = ScalarKey.path(field);
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
    Object direct = ScalarKey.scalar(path, document);
    if (direct == null && !ScalarKey.missing(path, document)) {
      filedOtherwise++;
    }
    Object id = document.get("_id");
    for (Object key : keys(direct, document)) {
      if (positions.computeIfAbsent(key, k -> new Postings<>()).put(id, position)) {
        entries++;
      }
    }
  }

  @Override
  public synchronized P remove(Document document) {
    Object id = document.get("_id");
    P removed = null;
    for (Object key : keys(document)) {
      Postings<P> postings = positions.get(key);
      if (postings != null) {
        P p = postings.remove(id);
        if (p != null) {
          removed = p;
          entries--;
        }
        if (postings.isEmpty()) {
          positions.remove(key);
        }
      }
    }
    return removed;
  }

  /**
   * The keys a document is filed under: the library's {@link #getKeyValues} as {@link #key}s,
   * computed directly for a string or a date reached through embedded documents ({@link
   * ScalarKey#scalar}). The library's code splits the path with a regular expression and builds,
   * normalizes and hashes a key object per index per inserted document: with the reference
   * mapping's four indexes that was a third of the store's time in a run of the pipeline.
   */
  Collection<Object> keys(Document document) {
    return keys(ScalarKey.scalar(path, document), document);
  }

  /** {@link #keys(Document)} with the document's scalar at the field already read. */
  private Collection<Object> keys(Object direct, Document document) {
    if (direct != null) {
      return List.of(direct);
    }
    List<Object> keys = new ArrayList<>();
    for (KeyValue value : getKeyValues(document)) {
      keys.add(key(value));
    }
    return keys;
  }

  /**
   * Where a value is filed: a single string or date as itself (it is its own normalized form),
   * anything else as the library's normalized key. Documents and queries go through the same
   * mapping, so both find the same entry.
   */
  static Object key(KeyValue value) {
    KeyValue normalized = value.normalized();
    return normalized.size() == 1 && ScalarKey.isScalar(normalized.get(0))
        ? normalized.get(0)
        : normalized;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return query.size() == 1 && query.containsKey(field) && values(query.get(field)) != null;
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    lookups++;
    // Values of one key ("a" twice, or 1 and 1.0 in an $in) name their documents once.
    Set<Object> keys = new LinkedHashSet<>();
    for (Object value : values(query.get(field))) {
      keys.add(key(new KeyValue(value)));
    }
    List<P> out = new ArrayList<>();
    for (Object key : keys) {
      Postings<P> postings = positions.get(key);
      if (postings != null) {
        postings.addTo(out);
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

  /**
   * How many documents hold exactly each of {@code values} at the field, by value in the order
   * asked, omitting those none holds; null unless the answer is exact: every value a string, and
   * every document ever filed here filed under a string or date of its own (a count kept as the
   * documents come and go, so an array or number once filed keeps this off until the index is
   * dropped).
   */
  synchronized Map<String, Integer> exactCounts(Collection<?> values) {
    if (!exactFor(values)) {
      return null;
    }
    lookups++;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Object value : values) {
      Postings<P> postings = positions.get(value);
      if (postings != null && !postings.isEmpty()) {
        counts.putIfAbsent((String) value, postings.size());
      }
    }
    return counts;
  }

  /**
   * Whether the positions this index gives for {@code query} ({@link #getPositions}) are exactly
   * those of the documents matching it, so that none needs to be read to be matched: see {@link
   * #exactCounts}.
   */
  synchronized boolean answersExactly(Document query) {
    return canHandle(query) && exactFor(valuesAskedBy(query));
  }

  /**
   * Whether the postings of {@code values} are exactly the documents holding them: every value a
   * string, and every document ever filed here filed under a string or date of its own.
   */
  private boolean exactFor(Collection<?> values) {
    return filedOtherwise == 0 && values.stream().allMatch(v -> v instanceof String);
  }

  /** The values a query this index can handle asks for ({@link #canHandle}). */
  Collection<?> valuesAskedBy(Document query) {
    return values(query.get(field));
  }

  /** The indexed field (a dotted path). */
  String field() {
    return field;
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
    filedOtherwise = 0;
  }

  /**
   * The positions of the documents holding one value, by {@code _id}, in stored order. Most values
   * of a field like a name are held by one document, so the map is made only for a second one.
   */
  private static final class Postings<P> {

    private Object onlyId;

    private P only;

    private Map<Object, P> all;

    /** Files a document; true when it was not filed here before. */
    boolean put(Object id, P position) {
      if (all != null) {
        return all.put(id, position) == null;
      }
      if (only == null || onlyId.equals(id)) {
        boolean added = only == null;
        onlyId = id;
        only = position;
        return added;
      }
      all = new LinkedHashMap<>();
      all.put(onlyId, only);
      all.put(id, position);
      onlyId = null;
      only = null;
      return true;
    }

    /** The document's position, or null when it was not filed here. */
    P remove(Object id) {
      if (all != null) {
        return all.remove(id);
      }
      if (only == null || !onlyId.equals(id)) {
        return null;
      }
      P removed = only;
      onlyId = null;
      only = null;
      return removed;
    }

    boolean isEmpty() {
      return all != null ? all.isEmpty() : only == null;
    }

    int size() {
      return all != null ? all.size() : only == null ? 0 : 1;
    }

    void addTo(List<P> out) {
      if (all != null) {
        out.addAll(all.values());
      } else if (only != null) {
        out.add(only);
      }
    }
  }
}
