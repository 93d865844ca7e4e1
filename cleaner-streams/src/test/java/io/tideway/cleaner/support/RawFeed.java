package io.tideway.cleaner.support;

import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RowEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows built by name ({@link Rows}) into what ingest writes on the raw topic: a header record
 * before a file's first row (and again whenever a test's rows change the file's columns), then rows
 * with their values by position only.
 */
public final class RawFeed {

  private final Map<String, List<String>> headers = new HashMap<>();

  /** The raw records for one row: its file's header record if not sent yet, then the row. */
  public List<RawRow> next(RowEnvelope e) {
    Map<String, String> values = e.values() == null ? Map.of() : e.values();
    List<String> columns = new ArrayList<>(values.keySet());
    List<RawRow> out = new ArrayList<>(2);
    if (!columns.equals(headers.get(e.fileId()))) {
      headers.put(e.fileId(), columns);
      out.add(RawRow.header(e.fileId(), e.fileName(), e.mapping(), columns, e.ingestedAt()));
    }
    out.add(
        RawRow.row(
            e.fileId(),
            e.row(),
            e.line(),
            new ArrayList<>(values.values()),
            e.error(),
            e.ingestedAt()));
    return out;
  }

  /** The raw records for a list of rows, in order. */
  public List<RawRow> all(List<RowEnvelope> rows) {
    List<RawRow> out = new ArrayList<>(rows.size() + 8);
    rows.forEach(r -> out.addAll(next(r)));
    return out;
  }
}
