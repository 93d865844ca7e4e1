package io.tideway.cleaner.mapping;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.payload.RejectedRow;
import java.util.List;
import org.bson.BsonDocument;

/**
 * What the mapping made of one row: a document (its BSON bytes, with its {@code _id} and warning
 * codes) or the reasons it cannot be represented.
 *
 * @param columns the quality of each mapped column in mapping order, one {@link ColumnState} code
 *     per column; empty when the row never reached the columns (e.g. wrong number of fields)
 */
public record CleanResult(
    String documentId,
    byte[] bson,
    List<String> warnings,
    List<RejectedRow.Reason> reasons,
    String columns) {

  public CleanResult {
    columns = columns == null ? "" : columns;
  }

  public static CleanResult cleaned(String id, byte[] bson, List<String> warnings, String columns) {
    return new CleanResult(id, bson, List.copyOf(warnings), List.of(), columns);
  }

  public static CleanResult rejected(List<RejectedRow.Reason> reasons) {
    return rejected(reasons, "");
  }

  public static CleanResult rejected(List<RejectedRow.Reason> reasons, String columns) {
    return new CleanResult(null, null, List.of(), List.copyOf(reasons), columns);
  }

  /** The document over its bytes (read lazily), or null for a rejected row. */
  public BsonDocument document() {
    return bson == null ? null : BsonBytes.read(bson);
  }

  public boolean isRejected() {
    return !reasons.isEmpty();
  }
}
