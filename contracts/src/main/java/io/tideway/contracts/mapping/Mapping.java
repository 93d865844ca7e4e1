package io.tideway.contracts.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A mapping file: how the rows of one kind of CSV become documents of one collection.
 *
 * @param dedupKey source columns whose cleaned values form the dedup key and {@code _id} (default:
 *     every mapped column, in mapping order)
 * @param indexes target paths to index ascending in the collection
 */
public record Mapping(
    String name,
    String description,
    Target target,
    List<ColumnSpec> columns,
    List<String> dedupKey,
    List<DerivedField> derived,
    List<String> indexes) {

  public Mapping {
    columns = columns == null ? List.of() : List.copyOf(columns);
    dedupKey =
        dedupKey == null || dedupKey.isEmpty()
            ? columns.stream().map(ColumnSpec::source).toList()
            : List.copyOf(dedupKey);
    derived = derived == null ? List.of() : List.copyOf(derived);
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  /** Where the documents go. */
  public record Target(String database, String collection) {}

  public Optional<ColumnSpec> column(String source) {
    return columns.stream().filter(c -> c.source().equals(source)).findFirst();
  }

  /** Source columns a file must have in its header. */
  public List<String> requiredColumns() {
    return columns.stream().map(ColumnSpec::source).toList();
  }
}
