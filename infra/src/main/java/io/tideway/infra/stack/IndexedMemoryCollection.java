package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The library's in-memory collection, matching string equalities itself ({@link StringEquality}).
 */
final class IndexedMemoryCollection extends MemoryCollection {

  /** The last query's test: a scan asks the same query of every document it considers. */
  private volatile StringEquality last;

  IndexedMemoryCollection(
      MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
    super(database, name, options, cursors);
  }

  @Override
  protected boolean documentMatchesQuery(Document document, Document query) {
    StringEquality test = last;
    if (test == null || !test.isFor(query)) {
      test = StringEquality.of(query);
      last = test;
    }
    Boolean decided = test.matches(document);
    return decided != null ? decided : super.documentMatchesQuery(document, query);
  }
}
