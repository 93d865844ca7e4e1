package io.tideway.infra.run;

import io.tideway.contracts.log.LogSafe;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints one progress line per file to stderr: status, rows, documents in MongoDB, rows/s and ETA.
 */
final class ProgressPrinter {

  private final PrintStream err;

  ProgressPrinter(PrintStream err) {
    this.err = err;
  }

  void print(List<FileRun> runs) {
    for (FileRun f : runs) {
      long read = f.count("rows_read");
      long accounted = f.accounted();
      double seconds = f.dropped() ? (System.nanoTime() - f.droppedAtNanos) / 1e9 : 0;
      double rate = seconds > 0 ? accounted / seconds : 0;
      // The line count is a guess (preamble, quoted line breaks); once read, the rows are known.
      boolean allRead =
          f.latest != null
              && !List.of("DISCOVERED", "INGESTING", "DROPPED", "QUEUED").contains(f.status());
      long total = allRead ? read : Math.max(f.estimatedRows, read);
      String eta =
          f.settled()
              ? "done"
              : "WAITING".equals(f.status())
                  ? "waiting: " + f.firstProblem()
                  : total > 0 && accounted >= total
                      ? "verifying"
                      : rate > 0 && total > accounted
                          ? "ETA " + Math.round((total - accounted) / rate) + " s"
                          : "ETA ?";
      int percent =
          total == 0 ? (f.settled() ? 100 : 0) : (int) Math.min(100, accounted * 100 / total);
      err.printf(
          "%-32s %-10s %s %3d%%  read %,d  accounted %,d/%,d  in MongoDB %s  %,.0f rows/s  %s%n",
          shorten(LogSafe.of(f.name)),
          f.status(),
          bar(percent),
          percent,
          read,
          accounted,
          total,
          inMongo(f),
          rate,
          eta);
    }
  }

  /** "?" until a MongoDB check answered (the verifier reports null then, not 0). */
  private static String inMongo(FileRun f) {
    Long n = f.documentsInMongo();
    return n == null ? "?" : String.format("%,d", n);
  }

  private static String bar(int percent) {
    int filled = percent / 5;
    return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
  }

  private static String shorten(String s) {
    return s.length() <= 32 ? s : "..." + s.substring(s.length() - 29);
  }
}
