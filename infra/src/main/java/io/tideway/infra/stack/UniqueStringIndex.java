package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.List;
import java.util.Set;

/**
 * The library's in-memory unique index (the {@code _id} index of every collection), with a
 * document's key computed by {@link ScalarKey} when it is a string: the library's generic key code
 * ran three times per inserted document (two duplicate checks and the insert) and was a sixth of
 * the store's insert time.
 */
final class UniqueStringIndex extends MemoryUniqueIndex {

  private final String[] path;

  UniqueStringIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.path = keys.size() == 1 ? ScalarKey.path(keys.get(0).getKey()) : null;
  }

  @Override
  public Set<KeyValue> getKeyValues(Document document) {
    String value = stringKey(document);
    return value != null ? Set.of(new KeyValue(value)) : super.getKeyValues(document);
  }

  /** The library's duplicate check, with the key of a string computed directly. */
  @Override
  public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
    String value = stringKey(document);
    if (value == null) {
      super.checkAdd(document, collection);
    } else if (containsKey(new KeyValue(value))) { // a string is its own normalized form
      throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(value));
    }
  }

  private String stringKey(Document document) {
    return path == null ? null : ScalarKey.value(path, document);
  }
}
