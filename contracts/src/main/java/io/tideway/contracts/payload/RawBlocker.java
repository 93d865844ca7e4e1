package io.tideway.contracts.payload;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a producer's rows into {@link RawBlock}s per raw partition ({@link RawRow#partition}), in
 * file order: a block goes out when it is full, when its partition receives another file's row, and
 * at {@link #flush()}, which a transactional producer calls before it commits.
 */
public final class RawBlocker {

  /** Value characters per block at most (with {@link RawBlock#MAX_ROWS}): far below 1 MB. */
  static final int MAX_CHARS = 256 * 1024;

  /** Where a finished block goes: sent to {@code partition}. */
  @FunctionalInterface
  public interface Sink {
    void send(int partition, RawBlock block);
  }

  private final Sink sink;
  private final List<List<RawRow>> pending;
  private final int[] chars;

  public RawBlocker(int partitions, Sink sink) {
    this.sink = sink;
    this.pending = new ArrayList<>(partitions);
    this.chars = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      pending.add(new ArrayList<>());
    }
  }

  /** Adds a row; a self-described row (schema 1 columns) goes out alone, after its partition's. */
  public void add(RawRow row) {
    int p = row.partition(pending.size());
    List<RawRow> rows = pending.get(p);
    int size = size(row);
    if (!rows.isEmpty()
        && (!rows.get(0).fileId().equals(row.fileId())
            || rows.size() >= RawBlock.MAX_ROWS
            || chars[p] + size > MAX_CHARS
            || row.columns() != null)) {
      send(p);
    }
    rows.add(row);
    chars[p] += size;
    if (row.columns() != null) {
      send(p);
    }
  }

  /** Sends every pending block. */
  public void flush() {
    for (int p = 0; p < pending.size(); p++) {
      if (!pending.get(p).isEmpty()) {
        send(p);
      }
    }
  }

  /** Drops every pending row (their transaction was aborted). */
  public void clear() {
    for (int p = 0; p < pending.size(); p++) {
      pending.get(p).clear();
      chars[p] = 0;
    }
  }

  private void send(int p) {
    List<RawRow> rows = pending.get(p);
    sink.send(p, new RawBlock(rows));
    rows.clear();
    chars[p] = 0;
  }

  private static int size(RawRow row) {
    int n = 16;
    for (String v : row.values()) {
      n += v == null ? 1 : v.length() + 1;
    }
    return n;
  }
}
