package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 (MVStore) backend of mongo-java-server, made to acknowledge a write only once it is on
 * disk, and to store documents and index keys as BSON. The library never commits itself: it leaves
 * that to the MVStore's background writer (every second, or after about 1 MB of changes), and
 * answers the client before, so a {@code kill -9} of the store lost writes the driver had seen
 * acknowledged. Here every write command commits and syncs the file before its reply is sent. The
 * background writer stays on for its housekeeping (rewriting sparse chunks), which a store without
 * it never does.
 */
final class DurableH2Backend extends H2Backend {

  private static final Logger LOG = LoggerFactory.getLogger(DurableH2Backend.class);

  /**
   * Commands that change data or metadata; compared in lower case (the wire allows findandmodify).
   */
  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "createindexes",
          "dropindexes",
          "deleteindexes",
          "drop",
          "dropdatabase",
          "create",
          "renamecollection");

  /**
   * Page cache of the store, in MB. The MVStore default (16) holds a tenth of a 200,000-document
   * collection; the loader's random {@code _id}s then read most B-tree leaves from the file on
   * every batch. The store's JVM has a 2 GB heap.
   */
  private static final int CACHE_MB = 512;

  private DurableH2Backend(MVStore store) {
    super(store);
  }

  /**
   * Opens (or creates) the store file; the MVStore's background writer stays on for its
   * housekeeping. A new file is marked {@link StoreFormat#BSON}.
   */
  static DurableH2Backend open(String fileName) {
    return open(fileName, CACHE_MB);
  }

  /** As {@link #open(String)}, with a page cache of {@code cacheMb} (tests use a small one). */
  static DurableH2Backend open(String fileName, int cacheMb) {
    MVStore store = new MVStore.Builder().fileName(fileName).cacheSize(cacheMb).open();
    MVMap<String, String> marker = store.openMap(StoreFormat.MARKER_MAP);
    StoreFormat format = StoreFormat.of(store.getMapNames(), marker.get(StoreFormat.MARKER_KEY));
    if (marker.get(StoreFormat.MARKER_KEY) == null) {
      marker.put(StoreFormat.MARKER_KEY, format.name());
      store.commit();
      store.sync();
    }
    return new DurableH2Backend(store);
  }

  /** The format this store's file was created with. */
  StoreFormat format() {
    MVMap<String, String> marker = getMvStore().openMap(StoreFormat.MARKER_MAP);
    return StoreFormat.valueOf(marker.get(StoreFormat.MARKER_KEY));
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    BsonDatabase database = new BsonDatabase(databaseName);
    database.repairIdIndexes();
    return database;
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    // Pins the version the command reads: a full scan of a large collection on a loaded machine
    // outlived the chunks its snapshot was reading, which the MVStore frees after their retention
    // time (45 s) once newer commits replaced them ("Chunk N not found" in a chaos trial).
    MVStore.TxCounter pinned = getMvStore().registerVersionUsage();
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      getMvStore().deregisterVersionUsage(pinned);
      // Also after a failed command: an unordered insert may have stored part of its documents,
      // and the reply tells the client which. Any other command that changed something (an
      // aggregate with $out) is caught by the check; a read that changed nothing costs only that.
      if (WRITES.contains(command.toLowerCase(Locale.ROOT)) || getMvStore().hasUnsavedChanges()) {
        makeDurable();
      }
    }
  }

  /**
   * Writes the changes as a new chunk and forces the file to disk. A concurrent caller's commit may
   * already have written this thread's change; the sync still waits for it to reach the disk.
   */
  private void makeDurable() {
    MVStore store = getMvStore();
    if (!store.isClosed()) {
      store.commit();
      store.sync();
    }
  }

  /**
   * The library's database, with its maps opened with the BSON types first when the file is {@link
   * StoreFormat#BSON} (the library then finds them open and uses them as they are). An inner class:
   * the library's constructors open the collections before a subclass could keep any field, and an
   * inner class reaches its backend's store from the start.
   */
  private final class BsonDatabase extends H2Database {

    BsonDatabase(String databaseName) {
      super(databaseName, getMvStore(), getCursorRegistry());
    }

    /**
     * Adds to each collection's {@code _id} index the documents it lacks. The library stores a
     * document before its index entry, and the MVStore's background writer may save in between: a
     * {@code kill -9} there left a document the index did not know, and every later insert of it
     * was refused with an unreadable error instead of a duplicate key, so the loader retried that
     * batch forever (seen in a chaos trial). A collection whose index counts as many keys as it has
     * documents is not read.
     */
    void repairIdIndexes() {
      String prefix = "databases." + getDatabaseName() + ".";
      for (String mapName : getMvStore().getMapNames()) {
        if (!mapName.startsWith(prefix)) {
          continue;
        }
        MongoCollection<Object> c = resolveCollection(mapName.substring(prefix.length()), false);
        if (!(c instanceof AbstractMongoCollection<Object> collection)) {
          continue;
        }
        for (Index<Object> index : collection.getIndexes()) {
          if (index.getName().equals("_id_") && index.getCount() < collection.count()) {
            MVMap<Object, Document> documents = getMvStore().openMap(mapName);
            long added = 0;
            for (Map.Entry<Object, Document> e : documents.entrySet()) {
              if (index.getPosition(e.getValue()) == null) {
                index.add(e.getValue(), e.getKey(), collection);
                added++;
              }
            }
            makeDurable();
            LOG.warn(
                "{}: {} stored document(s) were missing from the _id index (the store was killed"
                    + " between a write and its index entry); added",
                collection.getFullName(),
                added);
          }
        }
      }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      if (format() == StoreFormat.BSON) {
        getMvStore()
            .openMap(
                "databases." + getFullCollectionNamespace(collectionName),
                new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
      }
      return super.openOrCreateCollection(collectionName, options);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      if (format() == StoreFormat.BSON) {
        getMvStore()
            .openMap(
                getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
      }
      return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }
  }
}
