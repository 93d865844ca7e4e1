package io.tideway.verifier;

import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.verifier.reconcile.StoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import io.tideway.verifier.store.StoreMarker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** An in-memory stand-in for the MongoDB side (documents and store marker), for unit tests only. */
public final class FakeStore implements StoredDocuments, StoreMarker {

  private final Map<String, List<BsonDocument>> byFile = new HashMap<>();
  public int scans;
  public int digestScans;

  /** Thrown by every call while set: MongoDB does not answer. */
  public RuntimeException failure;

  public String marker;

  /** Runs during each full scan, e.g. to advance a test clock by what the scan would cost. */
  public Runnable onScan = () -> {};

  /** Run at each count pass (tests let the clock move as if it took time). */
  public Runnable onCount = () -> {};

  public void put(String fileId, List<BsonDocument> docs) {
    byFile.put(fileId, new ArrayList<>(docs));
  }

  /** The store loses everything, as a restarted in-memory server does. */
  public void reset() {
    byFile.clear();
    marker = null;
  }

  public void delete(String fileId, int index) {
    byFile.get(fileId).remove(index);
  }

  /** Replaces one field of a stored document, as an edit behind the pipeline's back would. */
  public void edit(String fileId, int index, String parent, String field, BsonValue value) {
    byFile.get(fileId).get(index).getDocument(parent).put(field, value);
  }

  @Override
  public StoredScan scan(
      String database,
      String collection,
      String fileId,
      DocumentShape shape,
      DigestVersion version) {
    if (failure != null) {
      throw failure;
    }
    scans++;
    digestScans++;
    onScan.run();
    return StoredScan.of(byFile.getOrDefault(fileId, List.of()).iterator(), shape, version);
  }

  @Override
  public Map<String, Long> countAll(
      String database, String collection, Collection<String> fileIds) {
    if (failure != null) {
      throw failure;
    }
    onCount.run();
    Map<String, Long> counts = new HashMap<>();
    for (String id : fileIds) {
      scans++;
      counts.put(id, (long) byFile.getOrDefault(id, List.of()).size());
    }
    return counts;
  }

  @Override
  public Optional<String> read() {
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(marker);
  }

  @Override
  public String writeIfAbsent(String id) {
    if (failure != null) {
      throw failure;
    }
    marker = marker == null ? id : marker;
    return marker;
  }
}
