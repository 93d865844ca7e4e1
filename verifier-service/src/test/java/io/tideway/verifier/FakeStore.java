package io.tideway.verifier;

import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** An in-memory stand-in for the MongoDB side, for unit tests only. */
public final class FakeStore implements StoredDocuments {

  private final Map<String, List<BsonDocument>> byFile = new HashMap<>();
  public int scans;
  public int digestScans;
  public RuntimeException failure;
  /** Runs during each full scan, e.g. to advance a test clock by what the scan would cost. */
  public Runnable onScan = () -> {};

  public void put(String fileId, List<BsonDocument> docs) {
    byFile.put(fileId, new ArrayList<>(docs));
  }

  public void delete(String fileId, int index) {
    byFile.get(fileId).remove(index);
  }

  /** Replaces one field of a stored document, as an edit behind the pipeline's back would. */
  public void edit(String fileId, int index, String parent, String field, BsonValue value) {
    byFile.get(fileId).get(index).getDocument(parent).put(field, value);
  }

  @Override
  public StoredScan scan(String database, String collection, String fileId, DocumentShape shape) {
    if (failure != null) {
      throw failure;
    }
    scans++;
    digestScans++;
    onScan.run();
    return StoredScan.of(byFile.getOrDefault(fileId, List.of()).iterator(), shape);
  }

  @Override
  public Map<String, Long> countAll(String database, String collection, Collection<String> fileIds) {
    if (failure != null) {
      throw failure;
    }
    Map<String, Long> counts = new HashMap<>();
    for (String id : fileIds) {
      scans++;
      counts.put(id, (long) byFile.getOrDefault(id, List.of()).size());
    }
    return counts;
  }
}
