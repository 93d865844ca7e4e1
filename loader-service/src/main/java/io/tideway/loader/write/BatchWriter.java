package io.tideway.loader.write;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonDocument;

/**
 * Writes one batch: an unordered bulk write per target collection, then classifies the duplicates.
 * Throws (without partial bookkeeping) when MongoDB fails retryably, so the caller retries the
 * whole batch; that is safe because every write is idempotent.
 */
public final class BatchWriter {

  /** Rounds of re-writing documents deleted between a duplicate error and its classification. */
  private static final int MAX_ROUNDS = 3;

  private final MongoClient client;
  private final CollectionBulkWriter bulkWriter;
  private final DuplicateClassifier classifier = new DuplicateClassifier();

  public BatchWriter(MongoClient client, WriteModelStrategy strategy) {
    this.client = client;
    this.bulkWriter = new CollectionBulkWriter(strategy);
  }

  public BatchResult write(List<LoadDocument> docs) {
    BatchResult result = BatchResult.empty();
    Map<Namespace, List<LoadDocument>> byNamespace =
        docs.stream()
            .collect(
                Collectors.groupingBy(
                    LoadDocument::namespace, LinkedHashMap::new, Collectors.toList()));
    byNamespace.forEach((ns, nsDocs) -> result.addAll(writeCollection(collection(ns), nsDocs)));
    return result;
  }

  private BatchResult writeCollection(
      MongoCollection<BsonDocument> collection, List<LoadDocument> docs) {
    BatchResult result = BatchResult.empty();
    List<LoadDocument> pending = docs;
    for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
      CollectionBulkWriter.Outcome outcome = bulkWriter.write(collection, pending);
      result.inserted().addAll(outcome.written());
      result.refused().addAll(outcome.refused());
      if (outcome.duplicates().isEmpty()) {
        return result;
      }
      DuplicateClassifier.Classified classified =
          classifier.classify(collection, outcome.duplicates());
      result.inserted().addAll(classified.sameSource());
      result.matched().addAll(classified.otherSource());
      pending = classified.vanished();
    }
    if (!pending.isEmpty()) {
      throw new MongoException(
          112, pending.size() + " documents kept disappearing during classification");
    }
    return result;
  }

  private MongoCollection<BsonDocument> collection(Namespace ns) {
    return client.getDatabase(ns.database()).getCollection(ns.collection(), BsonDocument.class);
  }
}
