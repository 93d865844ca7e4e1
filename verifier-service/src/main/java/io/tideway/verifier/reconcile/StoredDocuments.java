package io.tideway.verifier.reconcile;

import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.DocumentShape;
import java.util.Collection;
import java.util.Map;

/**
 * The MongoDB side of the reconciliation: the documents whose {@code _source.file_id} is a file.
 * Both methods throw a RuntimeException when MongoDB cannot answer; the file is then checked again
 * later.
 */
public interface StoredDocuments {

  /**
   * Counts, digests in {@code version} and type-checks against {@code shape} every document of
   * {@code fileId}, in one pass.
   */
  StoredScan scan(
      String database,
      String collection,
      String fileId,
      DocumentShape shape,
      DigestVersion version);

  /**
   * Counts the documents of several files of one collection at once (one pass for many audits);
   * files without documents may be absent from the result.
   */
  Map<String, Long> countAll(String database, String collection, Collection<String> fileIds);
}
