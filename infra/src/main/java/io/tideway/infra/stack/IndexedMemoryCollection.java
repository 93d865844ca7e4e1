package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The library's in-memory collection, matching string equalities itself ({@link StringEquality}),
 * sharing its documents' field names ({@link FieldNames}) and computing its data size only when
 * asked.
 */
final class IndexedMemoryCollection extends MemoryCollection {

  /** The last query's test: a scan asks the same query of every document it considers. */
  private volatile StringEquality last;

  private final FieldNames names = new FieldNames();

  IndexedMemoryCollection(
      MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
    super(database, name, options, cursors);
  }

  /** Stores the document with shared field names ({@link FieldNames}); the indexes saw the same. */
  @Override
  protected Integer addDocumentInternal(Document document) {
    return super.addDocumentInternal(names.share(document));
  }

  /**
   * The library keeps its data size by encoding every inserted, updated and removed document to
   * BSON once more, which was 40 % of the store's insert time; only {@code collStats}, {@code
   * dbStats} and {@code validate} read it, and they get it from {@link #getDataSize()}.
   */
  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  /** The BSON size of every stored document, encoded now: what the library would have kept. */
  @Override
  protected synchronized int getDataSize() {
    ByteBuf buffer = Unpooled.buffer();
    try {
      long size =
          streamAllDocumentsWithPosition()
              .mapToLong(
                  d -> {
                    buffer.clear();
                    BsonEncoder.encodeDocument(d.getDocument(), buffer);
                    return buffer.writerIndex();
                  })
              .sum();
      return (int) Math.min(Integer.MAX_VALUE, size);
    } finally {
      buffer.release();
    }
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
