package io.tideway.verifier.rejects;

import io.tideway.contracts.payload.RejectedRow;
import java.util.List;
import java.util.Locale;

/**
 * One page of a file's rejects, one item per field that broke a rule.
 *
 * @param total items over all pages
 * @param page 1-based
 */
public record RejectPage(String fileId, long total, int page, int size, List<Item> items) {

  /** Largest page a client may ask for. */
  public static final int MAX_SIZE = 1000;

  /** One broken rule of one row: where it is in the file and why it was refused. */
  public record Item(
      long row, long line, String stage, String field, String value, String rule, String reason) {

    /** Column order of the CSV form. */
    public static final String[] COLUMNS = {
      "row", "line", "stage", "field", "value", "rule", "reason"
    };
  }

  /** Every item of {@code rows}, in their order. */
  public static List<Item> items(List<RejectedRow> rows) {
    return rows.stream()
        .flatMap(
            r ->
                (r.reasons() == null || r.reasons().isEmpty()
                        ? List.of(new RejectedRow.Reason(null, null, null, "rejected"))
                        : r.reasons())
                    .stream()
                        .map(
                            why ->
                                new Item(
                                    r.row(),
                                    r.line(),
                                    r.stage() == null
                                        ? null
                                        : r.stage().name().toLowerCase(Locale.ROOT),
                                    why.field(),
                                    why.value(),
                                    why.rule(),
                                    why.message())))
        .toList();
  }

  /** Page {@code page} (1-based) of {@code size} items; past the end it is empty. */
  public static RejectPage of(String fileId, List<Item> all, int page, int size) {
    int from = (int) Math.min((long) (page - 1) * size, all.size());
    int to = Math.min(from + size, all.size());
    return new RejectPage(fileId, all.size(), page, size, all.subList(from, to));
  }
}
