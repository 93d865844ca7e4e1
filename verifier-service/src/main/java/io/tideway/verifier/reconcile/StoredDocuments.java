package io.tideway.verifier.reconcile;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The MongoDB side of the reconciliation: the documents whose {@code _source.file_id} is a file. */
public interface StoredDocuments {

  /**
   * Counts (and, when {@code withDigest}, digests) the documents of {@code fileId}.
   *
   * @throws RuntimeException when MongoDB cannot answer; the file is then checked again later
   */
  StoredScan scan(String database, String collection, String fileId, boolean withDigest);

  /**
   * Counts the documents of several files of one collection at once (one pass for many audits);
   * files without documents may be absent from the result.
   */
  default Map<String, Long> countAll(String database, String collection, Collection<String> fileIds) {
    Map<String, Long> counts = new HashMap<>();
    for (String id : fileIds) {
      counts.put(id, scan(database, collection, id, false).count());
    }
    return counts;
  }
}
