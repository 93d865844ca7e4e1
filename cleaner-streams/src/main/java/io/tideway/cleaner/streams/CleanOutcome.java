package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.RejectedRow.Reason;
import java.util.List;

/**
 * A row after the clean/validate stage, on the internal repartition topic ({@link
 * CleanOutcomeSerde}, binary): either a document (its BSON bytes, {@code _id} and content hash) or
 * the reasons it was rejected.
 *
 * @param document the document's BSON bytes ({@code BsonBytes}), exactly what is published on
 *     cleaned; null when rejected
 * @param hash {@code ContentDigest.hashBson} of the document (digest v3), computed once before
 *     serialisation
 * @param columns per mapped column, in mapping order, its {@code ColumnState} code (quality report)
 */
public record CleanOutcome(
    String fileId,
    String fileName,
    String mapping,
    long row,
    long line,
    String documentId,
    byte[] document,
    long hash,
    List<String> warnings,
    List<Reason> reasons,
    String columns) {

  public CleanOutcome {
    warnings = warnings == null ? List.of() : warnings;
    reasons = reasons == null ? List.of() : reasons;
    columns = columns == null ? "" : columns;
  }

  public boolean isRejected() {
    return document == null;
  }

  /**
   * The repartition key: documents by {@code _id} (so duplicates meet), rejects by file and row.
   */
  public String routingKey() {
    return isRejected() ? fileId + "/" + row : documentId;
  }
}
