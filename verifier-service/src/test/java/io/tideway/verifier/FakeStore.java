package io.tideway.verifier;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/** An in-memory stand-in for the MongoDB side, for unit tests only. */
public final class FakeStore implements StoredDocuments {

  private final Map<String, List<BsonDocument>> byFile = new HashMap<>();
  public int scans;
  public int digestScans;
  public RuntimeException failure;

  public void put(String fileId, List<BsonDocument> docs) {
    byFile.put(fileId, new ArrayList<>(docs));
  }

  public void delete(String fileId, int index) {
    byFile.get(fileId).remove(index);
  }

  @Override
  public StoredScan scan(String database, String collection, String fileId, boolean withDigest) {
    if (failure != null) {
      throw failure;
    }
    scans++;
    List<BsonDocument> docs = byFile.getOrDefault(fileId, List.of());
    if (!withDigest) {
      return StoredScan.countOnly(docs.size());
    }
    digestScans++;
    ContentDigest d = new ContentDigest();
    docs.forEach(d::add);
    return new StoredScan(docs.size(), d.hex());
  }
}
