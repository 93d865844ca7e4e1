package io.tideway.cleaner.mapping;

import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.mapping.ColumnSpec;
import io.tideway.contracts.mapping.DerivedField;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.payload.RowEnvelope;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A {@link Mapping} compiled at start: turns a raw row into the nested document its mapping
 * describes (docs/ARCHITECTURE.md), or into every reason it cannot be represented. Thread-safe.
 */
public final class MappingEngine {

  /**
   * The fields of {@code _source}. A document's value slots are {@code _id}, the columns, the
   * derived fields, {@code _source} set to a placeholder first (so that it replaces whatever a
   * column wrote there, in its place, as appending it to the document did), its fields, and {@code
   * _quality}.
   */
  private static final String[] SOURCE_FIELDS = {"file_id", "file_name", "row", "ingested_at"};

  private final Mapping mapping;
  private final List<ColumnCleaner> columns;
  private final int[] dedupColumns;
  private final Pseudonymizer pseudonymizer;
  // Worked out once here rather than per row: where each value goes in the document, and the
  // columns each derived field is derived from (the last column of that target, -1 for none).
  private final DocumentLayout layout;
  private final int[][] derivedFrom;

  private MappingEngine(
      Mapping mapping, List<ColumnCleaner> columns, int[] dedupColumns, Pseudonymizer p) {
    this.mapping = mapping;
    this.columns = columns;
    this.dedupColumns = dedupColumns;
    this.pseudonymizer = p;
    List<String> targets = columns.stream().map(c -> c.spec().target()).toList();
    this.layout = layout(targets, mapping.derived());
    this.derivedFrom =
        mapping.derived().stream()
            .map(d -> d.from().stream().mapToInt(targets::lastIndexOf).toArray())
            .toArray(int[][]::new);
  }

  /**
   * Compiles a mapping; {@code pseudonymizeKey} may be null unless a column pseudonymizes. Every
   * unusable part fails now, with the mapping and column named.
   */
  public static MappingEngine compile(Mapping mapping, String pseudonymizeKey) {
    List<ColumnCleaner> columns = new ArrayList<>();
    for (int i = 0; i < mapping.columns().size(); i++) {
      ColumnSpec c = mapping.columns().get(i);
      columns.add(
          new ColumnCleaner(
              c,
              mapping.dialect(),
              "mapping '" + mapping.name() + "' column '" + c.source() + "'"));
    }
    boolean needsKey = columns.stream().anyMatch(ColumnCleaner::pseudonymizes);
    if (needsKey && (pseudonymizeKey == null || pseudonymizeKey.isEmpty())) {
      throw new MappingException(
          "mapping '"
              + mapping.name()
              + "' pseudonymizes a column but "
              + Pseudonymizer.KEY_ENV
              + " is not set");
    }
    int[] dedup = new int[mapping.dedupKey().size()];
    for (int i = 0; i < dedup.length; i++) {
      String source = mapping.dedupKey().get(i);
      dedup[i] = mapping.sourceColumns().indexOf(source);
      if (dedup[i] < 0) {
        throw new MappingException(
            "mapping '" + mapping.name() + "': dedup key column '" + source + "' is not mapped");
      }
    }
    for (DerivedField d : mapping.derived()) {
      if (!"days_between".equals(d.function()) || d.from() == null || d.from().size() != 2) {
        throw new MappingException(
            "mapping '"
                + mapping.name()
                + "' derived '"
                + d.target()
                + "': days_between needs exactly two date targets");
      }
    }
    return new MappingEngine(
        mapping, List.copyOf(columns), dedup, needsKey ? new Pseudonymizer(pseudonymizeKey) : null);
  }

  public Mapping mapping() {
    return mapping;
  }

  /**
   * Where each mapped column sits in a file's header (-1: the file lacks it), in mapping order;
   * computed once per file, so a row is read by position.
   */
  public int[] positions(List<String> header) {
    int[] at = new int[columns.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = header.indexOf(columns.get(i).spec().source());
    }
    return at;
  }

  /** Cleans one self-described row (values by column name). */
  public CleanResult clean(RowEnvelope row) {
    RawRow r = RawRow.of(row);
    return clean(r, positions(r.columns()), row.fileName());
  }

  /**
   * Cleans one row whose values are in the order of its file's header.
   *
   * @param positions {@link #positions} of that header
   * @param fileName the file's name (from its header record), stored in {@code _source}
   */
  public CleanResult clean(RawRow row, int[] positions, String fileName) {
    List<Reason> reasons = new ArrayList<>();
    if (row.error() != null) {
      reasons.add(new Reason(null, row.error().rule(), null, row.error().message()));
      return CleanResult.rejected(reasons);
    }
    List<String> values = row.values();
    List<String> warnings = new ArrayList<>();
    TypedValue[] typed = new TypedValue[columns.size()];
    StringBuilder states = new StringBuilder(typed.length);
    for (int i = 0; i < typed.length; i++) {
      ColumnCleaner column = columns.get(i);
      int at = positions[i];
      String raw = at < 0 || at >= values.size() ? null : values.get(at);
      int before = reasons.size();
      typed[i] = column.clean(raw, reasons, warnings);
      states.append(ColumnState.of(raw, reasons.size() > before).code());
    }
    if (!reasons.isEmpty()) {
      return CleanResult.rejected(reasons, states.toString());
    }
    // The dedup key is computed from the clear values, before pseudonymization.
    List<String> key = new ArrayList<>(dedupColumns.length);
    for (int i : dedupColumns) {
      key.add(typed[i] == null ? null : typed[i].keyString());
    }
    String id = DocumentId.of(key);
    return CleanResult.cleaned(
        id, document(id, row, fileName, typed, warnings), warnings, states.toString());
  }

  private static DocumentLayout layout(List<String> targets, List<DerivedField> derived) {
    List<String[]> paths = new ArrayList<>();
    paths.add(new String[] {"_id"});
    targets.forEach(t -> paths.add(t.split("\\.")));
    derived.forEach(d -> paths.add(d.target().split("\\.")));
    paths.add(new String[] {"_source"});
    for (String f : SOURCE_FIELDS) {
      paths.add(new String[] {"_source", f});
    }
    paths.add(new String[] {"_quality"});
    return DocumentLayout.of(paths);
  }

  /** The document's BSON bytes, written in one pass in the layout's order. */
  private byte[] document(
      String id, RawRow row, String fileName, TypedValue[] typed, List<String> warnings) {
    int derived = derivedFrom.length;
    BsonValue[] values = new BsonValue[layout.slots()];
    int slot = 0;
    values[slot++] = new BsonString(id);
    for (int i = 0; i < typed.length; i++) {
      ColumnCleaner column = columns.get(i);
      TypedValue v = typed[i];
      if (v != null && column.pseudonymizes()) {
        v = column.pseudonymized(v, pseudonymizer);
      }
      // An empty optional cell is stored as null so every document has the same shape.
      values[slot++] = v == null ? BsonNull.VALUE : v.bson();
    }
    for (int d = 0; d < derived; d++) {
      TypedValue from = valueAt(typed, derivedFrom[d][0]);
      TypedValue to = valueAt(typed, derivedFrom[d][1]);
      values[slot++] =
          from == null || to == null || from.date() == null || to.date() == null
              ? BsonNull.VALUE
              : new BsonInt32(Math.toIntExact(ChronoUnit.DAYS.between(from.date(), to.date())));
    }
    values[slot++] = BsonNull.VALUE; // the _source placeholder, never written
    values[slot++] = new BsonString(row.fileId());
    values[slot++] = fileName == null ? BsonNull.VALUE : new BsonString(fileName);
    values[slot++] = new BsonInt64(row.row());
    values[slot++] =
        row.ingestedAt() == null
            ? BsonNull.VALUE
            : new BsonDateTime(row.ingestedAt().toEpochMilli());
    BsonArray quality = new BsonArray();
    warnings.forEach(w -> quality.add(new BsonString(w)));
    values[slot] = quality;
    return layout.bytes(values);
  }

  private static TypedValue valueAt(TypedValue[] typed, int column) {
    return column < 0 ? null : typed[column];
  }
}
