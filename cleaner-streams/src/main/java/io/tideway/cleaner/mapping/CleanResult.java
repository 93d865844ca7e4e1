package io.tideway.cleaner.mapping;

import io.tideway.contracts.payload.RejectedRow;
import java.util.List;
import org.bson.BsonDocument;

/**
 * What the mapping made of one row: a document (with its {@code _id} and warning codes) or the
 * reasons it cannot be represented.
 */
public record CleanResult(String documentId, BsonDocument document, List<String> warnings,
    List<RejectedRow.Reason> reasons) {

  public static CleanResult cleaned(String id, BsonDocument document, List<String> warnings) {
    return new CleanResult(id, document, List.copyOf(warnings), List.of());
  }

  public static CleanResult rejected(List<RejectedRow.Reason> reasons) {
    return new CleanResult(null, null, List.of(), List.copyOf(reasons));
  }

  public boolean isRejected() {
    return !reasons.isEmpty();
  }
}
