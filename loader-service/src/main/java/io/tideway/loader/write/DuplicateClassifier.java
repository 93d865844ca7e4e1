package io.tideway.loader.write;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Decides, for documents refused with E11000, whether the stored copy came from the same file and
 * row (a replay after a crash: counted as inserted) or from another source (counted as matched).
 */
final class DuplicateClassifier {

  /** The three fates of a duplicate. */
  record Classified(
      List<LoadDocument> sameSource, List<LoadDocument> otherSource, List<LoadDocument> vanished) {}

  Classified classify(MongoCollection<BsonDocument> collection, List<LoadDocument> duplicates) {
    List<BsonValue> ids = duplicates.stream().map(LoadDocument::id).toList();
    Map<BsonValue, BsonDocument> stored = new HashMap<>();
    for (BsonDocument d :
        collection
            .find(Filters.in("_id", ids))
            .projection(Projections.include("_source.file_id", "_source.row"))) {
      stored.put(d.get("_id"), d);
    }
    List<LoadDocument> same = new ArrayList<>();
    List<LoadDocument> other = new ArrayList<>();
    List<LoadDocument> vanished = new ArrayList<>();
    for (LoadDocument doc : duplicates) {
      BsonDocument existing = stored.get(doc.id());
      if (existing == null) {
        // Deleted between the write and this read (an operator rollback): write it again.
        vanished.add(doc);
      } else if (sameSource(existing, doc.document())) {
        same.add(doc);
      } else {
        other.add(doc);
      }
    }
    return new Classified(same, other, vanished);
  }

  private static boolean sameSource(BsonDocument existing, BsonDocument incoming) {
    String existingFile = LoadDocument.sourceFileId(existing);
    return existingFile != null
        && Objects.equals(existingFile, LoadDocument.sourceFileId(incoming))
        && LoadDocument.sourceRow(existing) == LoadDocument.sourceRow(incoming);
  }
}
