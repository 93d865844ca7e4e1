package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An aggregation whose first stage is a {@code $match} that a {@link FieldIndex} serves, run over
 * the documents the index names instead of the whole collection, as {@code mongod} does. The
 * library feeds every aggregation the whole collection, so the verifier's count audit of one file
 * ({@code countDocuments}: {@code $match} on the file id, then {@code $group}) cost as much for a
 * small file as for the whole store: 380 ms for 5,500 documents among 275,000, 62 ms through the
 * index ({@code StoreAuditBench}, docs/BENCHMARKS.md). The collection's own query matches the
 * candidates against the whole {@code $match}, so the answer is the library's.
 */
final class IndexedAggregate {

  /** Options and stages this class leaves to the library. */
  private static final Set<String> NOT_HERE =
      Set.of("let", "explain", "collation", "$out", "$merge", "$changeStream");

  private IndexedAggregate() {}

  /** The answer to an {@code aggregate} command, or null when the library should answer it. */
  static Document answer(
      MongoDatabase database,
      String namespace,
      Document command,
      DatabaseResolver resolver,
      Oplog oplog) {
    if (!(command.get("aggregate") instanceof String name)
        || command.keySet().stream().anyMatch(NOT_HERE::contains)) {
      return null;
    }
    List<Document> pipeline = Aggregation.parse(command.get("pipeline"));
    if (pipeline.isEmpty()
        || pipeline.get(0).size() != 1
        || !(pipeline.get(0).get("$match") instanceof Document match)
        || pipeline.stream().anyMatch(s -> s.keySet().stream().anyMatch(NOT_HERE::contains))) {
      return null;
    }
    MongoCollection<?> collection = database.resolveCollection(name, false);
    FieldIndex<?> index = collection == null ? null : servingIndex(collection, match);
    if (index == null) {
      return null;
    }
    List<Document> result = countedByIndex(index, match, pipeline);
    if (result == null) {
      // The collection's query already matched the index's candidates against the whole $match:
      // the rest of the pipeline runs on what it returns.
      Aggregation aggregation =
          Aggregation.fromPipeline(
              pipeline.subList(1, pipeline.size()), resolver, database, collection, oplog);
      aggregation.validate(command);
      result = aggregation.runStages(collection.handleQueryAsStream(match));
    }
    Document cursor = new Document();
    cursor.put("id", 0L);
    cursor.put("ns", namespace + "." + name);
    cursor.put("firstBatch", result);
    Document response = new Document("cursor", cursor);
    Utils.markOkay(response);
    return response;
  }

  /** The collection's {@link FieldIndex} that serves {@code match}, or null. */
  static FieldIndex<?> servingIndex(MongoCollection<?> collection, Document match) {
    for (var index : collection.getIndexes()) {
      if (index instanceof FieldIndex<?> f && f.canHandle(match)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The answer of {@code [$match on a field, $group by that field counting with $sum: 1]} read from
   * the field's index, without reading one document, where the index can answer it exactly ({@link
   * FieldIndex#exactCounts}); null otherwise. That is the verifier's count audit of a file, which
   * otherwise decoded every stored document of the file once per audit; the groups come in the
   * order of the values asked for, as the library's scan of the index's candidates gives them.
   */
  static List<Document> countedByIndex(
      FieldIndex<?> index, Document match, List<Document> pipeline) {
    if (pipeline.size() != 2
        || !(pipeline.get(1).get("$group") instanceof Document group)
        || pipeline.get(1).size() != 1
        || group.size() != 2) {
      return null;
    }
    String counter = group.keySet().stream().filter(k -> !k.equals("_id")).findFirst().get();
    if (!("$" + index.field()).equals(group.get("_id"))
        || !(group.get(counter) instanceof Document sum)
        || sum.size() != 1
        || !(sum.get("$sum") instanceof Integer one)
        || one != 1) {
      return null;
    }
    Map<String, Integer> counts = index.exactCounts(index.valuesAskedBy(match));
    if (counts == null) {
      return null;
    }
    List<Document> groups = new ArrayList<>();
    counts.forEach(
        (value, n) -> {
          Document g = new Document("_id", value);
          g.put(counter, n);
          groups.add(g);
        });
    return groups;
  }
}
