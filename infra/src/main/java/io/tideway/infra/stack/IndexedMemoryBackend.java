package io.tideway.infra.stack;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.List;

/**
 * The library's in-memory store, with secondary indexes that serve queries ({@link FieldIndex}).
 */
final class IndexedMemoryBackend extends MemoryBackend {

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new MemoryDatabase(databaseName, getCursorRegistry()) {
      @Override
      protected Index<Integer> openOrCreateSecondaryIndex(
          String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return FieldIndex.serves(keys)
            ? new FieldIndex<>(indexName, keys, sparse)
            : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
      }
    };
  }
}
