package io.tideway.infra.cli;

import io.tideway.infra.sample.AdmissionsGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pipeline generate}: a deterministic hospital-admissions CSV. */
@Command(name = "generate", description = "Write a deterministic hospital-admissions CSV.")
final class GenerateCommand implements Callable<Integer> {

  /** The bundled sample's duplicate share: 534 of 55,500 rows. */
  static final String SAMPLE_DUPLICATES = "0.00962";

  @Option(names = "--rows", paramLabel = "N", required = true, description = "rows to write")
  long rows;

  @Option(
      names = "--duplicates",
      paramLabel = "FRACTION",
      defaultValue = SAMPLE_DUPLICATES,
      description = "share of rows that repeat an earlier row exactly (default: ${DEFAULT-VALUE})")
  double duplicates;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "random seed; the same seed writes the same file (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the CSV to write")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (rows < 0) {
      throw new UsageException("--rows must be 0 or more, got " + rows);
    }
    write(out, rows, duplicates, seed, System.err);
    return 0;
  }

  /** Writes the file and says on {@code err} what it holds. */
  static void write(Path path, long rows, double fraction, long seed, PrintStream err)
      throws IOException {
    long dups = AdmissionsGenerator.duplicatesFor(rows, fraction);
    AdmissionsGenerator gen = new AdmissionsGenerator(rows, dups, seed);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream os = Files.newOutputStream(path)) {
      gen.write(os);
    }
    err.printf(
        "generated %s: %,d rows, %,d exact duplicates, %,d unique (seed %d)%n",
        path, rows, dups, gen.uniqueRows(), seed);
  }
}
