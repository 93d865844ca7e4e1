package io.tideway.loader.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * One unordered bulk write into one collection, with write errors mapped back to their documents:
 * duplicates (E11000) and permanent refusals are returned; anything retryable is thrown.
 */
final class CollectionBulkWriter {

  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  private final WriteModelStrategy strategy;

  CollectionBulkWriter(WriteModelStrategy strategy) {
    this.strategy = strategy;
  }

  /** What one bulk write did to each document. */
  record Outcome(
      List<LoadDocument> written, List<LoadDocument> duplicates, List<Refusal> refused) {}

  Outcome write(MongoCollection<BsonDocument> collection, List<LoadDocument> docs) {
    List<WriteModel<BsonDocument>> models = new ArrayList<>(docs.size());
    for (LoadDocument doc : docs) {
      models.add(strategy.createWriteModel(doc));
    }
    try {
      collection.bulkWrite(models, UNORDERED);
      return new Outcome(docs, List.of(), List.of());
    } catch (MongoBulkWriteException e) {
      if (MongoErrors.isRetryable(e)) {
        throw e;
      }
      return mapErrors(docs, e.getWriteErrors());
    }
  }

  private static Outcome mapErrors(List<LoadDocument> docs, List<BulkWriteError> errors) {
    List<LoadDocument> duplicates = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    Set<Integer> failedIndexes = new HashSet<>();
    for (BulkWriteError error : errors) {
      LoadDocument doc = docs.get(error.getIndex());
      failedIndexes.add(error.getIndex());
      if (MongoErrors.isDuplicateKey(error.getCode())) {
        duplicates.add(doc);
      } else {
        refused.add(Refusal.ofWriteError(doc, error.getCode(), error.getMessage()));
      }
    }
    List<LoadDocument> written = new ArrayList<>(docs.size() - failedIndexes.size());
    for (int i = 0; i < docs.size(); i++) {
      if (!failedIndexes.contains(i)) {
        written.add(docs.get(i));
      }
    }
    return new Outcome(written, duplicates, refused);
  }
}
