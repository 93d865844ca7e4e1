package io.tideway.verifier.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.runtime.thread.DaemonThreads;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, digests and type-checks a file's documents in MongoDB, streaming them as raw {@link
 * BsonDocument}s.
 */
public final class MongoStoredDocuments implements StoredDocuments {

  private static final Logger LOG = LoggerFactory.getLogger(MongoStoredDocuments.class);
  static final String FILE_ID_PATH = "_source.file_id";

  /** Documents per chunk handed from the reading thread to the scan: the cursor's batch. */
  private static final int BATCH = 2000;

  private final MongoClient client;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();

  /** Reads the next batch of a full check while the last one is digested ({@link ReadAhead}). */
  private final ExecutorService readers =
      Executors.newCachedThreadPool(DaemonThreads.named("verifier-scan-read"));

  public MongoStoredDocuments(MongoClient client) {
    this.client = client;
  }

  @Override
  public StoredScan scan(
      String database,
      String collection,
      String fileId,
      DocumentShape shape,
      DigestVersion version) {
    // Raw: digest v2 hashes the stored bytes as they came, without decoding them.
    MongoCollection<RawBsonDocument> docs =
        client.getDatabase(database).getCollection(collection, RawBsonDocument.class);
    ensureIndex(docs, database + "." + collection);
    try (ReadAhead<RawBsonDocument> read =
        new ReadAhead<>(
            readers,
            () -> docs.find(Filters.eq(FILE_ID_PATH, fileId)).batchSize(BATCH).iterator(),
            BATCH)) {
      return StoredScan.of(read, shape, version);
    }
  }

  @Override
  public Map<String, Long> countAll(
      String database, String collection, Collection<String> fileIds) {
    MongoCollection<BsonDocument> docs =
        client.getDatabase(database).getCollection(collection, BsonDocument.class);
    ensureIndex(docs, database + "." + collection);
    Map<String, Long> counts = new HashMap<>();
    List<BsonDocument> pipeline =
        List.of(
            new BsonDocument(
                "$match",
                new BsonDocument(
                    FILE_ID_PATH,
                    new BsonDocument(
                        "$in",
                        new BsonArray(
                            fileIds.stream().map(id -> (BsonValue) new BsonString(id)).toList())))),
            new BsonDocument(
                "$group",
                new BsonDocument("_id", new BsonString("$" + FILE_ID_PATH))
                    .append("n", new BsonDocument("$sum", new BsonInt32(1)))));
    for (BsonDocument row : docs.aggregate(pipeline)) {
      if (row.get("_id").isString()) {
        counts.put(row.getString("_id").getValue(), row.getNumber("n").longValue());
      }
    }
    return counts;
  }

  /**
   * Audits query by file id every few seconds; without this index each one scans the collection.
   */
  private void ensureIndex(MongoCollection<?> docs, String name) {
    if (indexed.contains(name)) {
      return;
    }
    try {
      docs.createIndex(Indexes.ascending(FILE_ID_PATH));
      indexed.add(name);
    } catch (RuntimeException e) {
      LOG.warn("cannot create index on {} of {}: {}", FILE_ID_PATH, name, e.toString());
      indexed.add(name);
    }
  }
}
