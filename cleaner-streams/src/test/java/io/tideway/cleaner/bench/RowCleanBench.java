package io.tideway.cleaner.bench;

import io.tideway.cleaner.streams.CleanOutcome;
import io.tideway.cleaner.streams.RowCleaner;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RawRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cleaner's per-row work without Kafka: {@link RowCleaner#clean} (mapping, the document's BSON
 * bytes, its id and content digest) of generated reference rows on one thread, timed by that
 * thread's CPU. The best of several rounds after warm-up rounds; prints JSON.
 *
 * <p>Usage: {@code RowCleanBench [rows] [rounds]} (default 200,000 and 8).
 */
public final class RowCleanBench {

  private RowCleanBench() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    RowCleaner cleaner = RowCleaner.compile(MappingCatalog.builtIn(), null);
    List<RawRow> input = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      input.add(RawRow.of(Rows.generated("bench", i + 1, i)));
    }
    RawRow first = input.get(0);
    RowCleaner.Bound file =
        cleaner.bind(
            RawRow.header(
                "bench", "bench.csv", "healthcare-admissions", first.columns(), Rows.INGESTED_AT));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int round = 0; round < rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      bytes = 0;
      for (RawRow row : input) {
        CleanOutcome out = cleaner.clean(row, file);
        bytes += out.document().length;
      }
      double nsPerRow = (threads.getCurrentThreadCpuTime() - cpu0) / (double) rows;
      // The first half of the rounds warm the JIT up.
      if (round >= rounds / 2) {
        best = Math.min(best, nsPerRow);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "{\"rows\":%d,\"rounds\":%d,\"ns_per_row\":%.0f,\"rows_per_cpu_second\":%.0f,"
            + "\"bson_bytes_per_row\":%.1f}%n",
        rows,
        rounds,
        best,
        1e9 / best,
        bytes / (double) rows);
  }
}
