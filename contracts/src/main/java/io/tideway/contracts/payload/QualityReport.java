package io.tideway.contracts.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data-quality report of one file in one cleaner partition, on {@code tideway.quality}
 * (compacted, key = file id + partition, like {@link CleanStats}). A file's report is the sum over
 * partitions of the latest record of each: the report a data engineer hands to the client.
 *
 * @param rows rows of this file seen in this partition (cleaned + duplicates + rejected)
 * @param rejectsByRule rows rejected per rule code (a row breaking two rules counts under both)
 * @param warningsByRule rows flagged per warning code (the {@code _quality} entries)
 * @param columns per mapped source column, in mapping order
 */
public record QualityReport(
    int schema,
    String fileId,
    String fileName,
    String mapping,
    int partition,
    long rows,
    long cleaned,
    long duplicates,
    long rejected,
    Map<String, Long> rejectsByRule,
    Map<String, Long> warningsByRule,
    List<ColumnQuality> columns,
    Instant updatedAt) {

  public static final int SCHEMA = 1;

  /**
   * Quality of one source column over the rows of the file.
   *
   * @param missing rows where the cell was empty or absent
   * @param invalid rows where the value did not conform to the column's type or domain
   * @param conforming rows where the value was present and conformed
   */
  public record ColumnQuality(
      String column, String target, String type, long conforming, long missing, long invalid) {}
}
