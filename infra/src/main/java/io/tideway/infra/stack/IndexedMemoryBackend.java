package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;

/**
 * The in-memory store: the library's in-memory database with documents kept as BSON bytes ({@link
 * IndexedMemoryCollection}), secondary indexes that serve queries ({@link FieldIndex}),
 * aggregations that start with a {@code $match} they serve ({@link IndexedAggregate}), and string
 * equalities matched and string keys computed without the library's generic code ({@link
 * IndexedMemoryCollection}, {@link UniqueStringIndex}). Its replies may carry stored bytes ({@link
 * StoredDocument}): it is served by {@link StoreServer}, whose encoders write them.
 */
final class IndexedMemoryBackend extends AbstractMongoBackend {

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName);
  }

  /** The library's in-memory database with this store's collections and indexes. */
  private final class Database extends AbstractSynchronizedMongoDatabase<Integer> {

    Database(String name) {
      super(name, getCursorRegistry());
      initializeNamespacesAndIndexes();
    }

    @Override
    protected IndexedMemoryCollection openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    protected long getStorageSize() {
      return 0;
    }

    @Override
    protected long getFileSize() {
      return 0;
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return new UniqueStringIndex(indexName, keys, sparse);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return FieldIndex.serves(keys)
          ? new FieldIndex<>(indexName, keys, sparse)
          : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
    }

    @Override
    public Document handleCommand(
        Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
      Document answer =
          "aggregate".equalsIgnoreCase(command)
              ? IndexedAggregate.answer(this, getDatabaseName(), query, resolver, oplog)
              : null;
      return answer != null
          ? answer
          : super.handleCommand(channel, command, query, resolver, oplog);
    }
  }
}
