package io.tideway.cleaner.bench;

import io.tideway.cleaner.streams.CleanOutcome;
import io.tideway.cleaner.streams.CleanOutcomeSerde;
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
 * bytes, its id and content digest) of generated reference rows on one thread, then the round trip
 * of each row's repartition record through {@link CleanOutcomeSerde}, each timed by that thread's
 * CPU. The best of several rounds after warm-up rounds; prints JSON.
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
    List<CleanOutcome> outcomes = new ArrayList<>(rows);
    for (int round = 0; round < rounds; round++) {
      outcomes.clear();
      long cpu0 = threads.getCurrentThreadCpuTime();
      for (RawRow row : input) {
        outcomes.add(cleaner.clean(row, file));
      }
      best = bestOfWarm(best, round, rounds, threads.getCurrentThreadCpuTime() - cpu0, rows);
    }
    // The repartition record of each cleaned row, written and read back as the dedup reads it.
    CleanOutcomeSerde serde = new CleanOutcomeSerde();
    double bestSerde = Double.MAX_VALUE;
    long bytes = 0;
    for (int round = 0; round < rounds; round++) {
      bytes = 0;
      long cpu0 = threads.getCurrentThreadCpuTime();
      for (CleanOutcome o : outcomes) {
        byte[] record = serde.serialize("bench", o);
        byte[] document = serde.deserialize("bench", record).document();
        bytes += document == null ? 0 : document.length;
      }
      bestSerde =
          bestOfWarm(bestSerde, round, rounds, threads.getCurrentThreadCpuTime() - cpu0, rows);
    }
    System.out.printf(
        Locale.ROOT,
        "{\"rows\":%d,\"rounds\":%d,\"ns_per_row\":%.0f,\"rows_per_cpu_second\":%.0f,"
            + "\"repartition_serde_ns_per_row\":%.0f,\"bson_bytes_per_row\":%.1f}%n",
        rows,
        rounds,
        best,
        1e9 / best,
        bestSerde,
        bytes / (double) rows);
  }

  /** The best per-row time so far; the first half of the rounds only warm the JIT up. */
  private static double bestOfWarm(double best, int round, int rounds, long cpuNanos, int rows) {
    return round < rounds / 2 ? best : Math.min(best, cpuNanos / (double) rows);
  }
}
