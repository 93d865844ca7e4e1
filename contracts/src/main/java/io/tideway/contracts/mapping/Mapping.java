package io.tideway.contracts.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A mapping file: how the rows of one kind of CSV become documents of one collection.
 *
 * @param dedupKey source columns whose cleaned values form the dedup key and {@code _id} (default:
 *     every mapped column, in mapping order)
 * @param indexes target paths to index ascending in the collection
 * @param dialect how the mapping's files are written (delimiter, quote, charset, header row)
 */
public record Mapping(
    String name,
    String description,
    Target target,
    List<ColumnSpec> columns,
    List<String> dedupKey,
    List<DerivedField> derived,
    List<String> indexes,
    Dialect dialect) {

  public Mapping {
    columns = columns == null ? List.of() : List.copyOf(columns);
    dedupKey =
        dedupKey == null || dedupKey.isEmpty()
            ? columns.stream().map(ColumnSpec::source).toList()
            : List.copyOf(dedupKey);
    derived = derived == null ? List.of() : List.copyOf(derived);
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
    dialect = dialect == null ? Dialect.DEFAULT : dialect;
  }

  /** Where the documents go. */
  public record Target(String database, String collection) {}

  public Optional<ColumnSpec> column(String source) {
    return columns.stream().filter(c -> c.source().equals(source)).findFirst();
  }

  /**
   * Whether a file with this header can use the mapping: some column mapped, every header column
   * mapped and every required column present.
   */
  public boolean fits(List<String> header) {
    List<String> sources = sourceColumns();
    return !header.isEmpty()
        && sources.containsAll(header)
        && header.containsAll(requiredColumns());
  }

  /** Every mapped source column, in mapping order. */
  public List<String> sourceColumns() {
    return columns.stream().map(ColumnSpec::source).toList();
  }

  /** Source columns a file must have in its header: the {@code required} ones. */
  public List<String> requiredColumns() {
    return columns.stream().filter(ColumnSpec::isRequired).map(ColumnSpec::source).toList();
  }
}
