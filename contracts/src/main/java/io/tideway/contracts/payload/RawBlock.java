package io.tideway.contracts.payload;

import java.util.List;

/**
 * One record on {@code tideway.raw} ({@link RawBlockSerde}): a file's header record alone, or a
 * block of the file's rows bound for one partition, in file order. Blocks spare the topic, the
 * broker and the cleaner one record per row (docs/PAYLOADS.md).
 *
 * @param rows a header alone, a self-described row alone, or rows of one file
 */
public record RawBlock(List<RawRow> rows) {

  /** Rows per block at most, so a block stays far below a record's size limit. */
  public static final int MAX_ROWS = 500;

  public RawBlock {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a raw block holds at least one record");
    }
    String fileId = rows.get(0).fileId();
    if (rows.size() > 1
        && rows.stream()
            .anyMatch(r -> r.isHeader() || r.columns() != null || !fileId.equals(r.fileId()))) {
      throw new IllegalArgumentException(
          "a raw block holds one header, one self-described row, or rows of one file");
    }
  }

  /** A block of one record. */
  public static RawBlock of(RawRow row) {
    return new RawBlock(List.of(row));
  }

  /** The file whose records these are. */
  public String fileId() {
    return rows.get(0).fileId();
  }

  /** True when the block is a file's header record. */
  public boolean isHeader() {
    return rows.get(0).isHeader();
  }

  /** The header record of a header block. */
  public RawRow header() {
    if (!isHeader()) {
      throw new IllegalStateException("not a header block");
    }
    return rows.get(0);
  }
}
