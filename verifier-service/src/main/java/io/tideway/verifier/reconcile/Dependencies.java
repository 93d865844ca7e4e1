package io.tideway.verifier.reconcile;

import io.tideway.contracts.payload.FileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rule that closes the proof for duplicates across files: a row counted as a duplicate of a
 * document first seen in another file is accounted for only while that file holds its documents in
 * MongoDB. A file relies on its dependencies' own checks, never on their final status, so two files
 * that counted duplicates of each other cannot wait for each other. Pure; the ledger supplies the
 * facts.
 */
public final class Dependencies {

  /**
   * What the verifier knows of a file another one depends on.
   *
   * @param ownCheck its own latest MongoDB check; null while it has not been checked
   */
  public record Dependency(String fileId, String fileName, FileStatus status, OwnCheck ownCheck) {}

  /** Whether a file may be VERIFIED as far as its dependencies go. */
  public enum Outcome {
    /** Every dependency holds its documents (or there is none). */
    HOLDS,
    /** A dependency has not been checked yet: neither VERIFIED nor MISMATCH. */
    WAITING,
    /** A dependency's documents are gone or unknown: MISMATCH. */
    BROKEN
  }

  /**
   * The outcome with one line per dependency that is not known to hold (waits, or why it is
   * broken).
   */
  public record Verdict(Outcome outcome, List<String> problems) {}

  private Dependencies() {}

  /**
   * Evaluates {@code duplicatesOf} (first file id to rows counted as duplicates of its documents);
   * {@code lookup} answers null for a file the verifier does not know. A broken dependency wins
   * over one still to be checked.
   */
  public static Verdict evaluate(
      Map<String, Long> duplicatesOf, Function<String, Dependency> lookup) {
    List<String> broken = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    // Sorted, so the problems read the same on every evaluation.
    for (Map.Entry<String, Long> e :
        new TreeMap<>(duplicatesOf == null ? Map.of() : duplicatesOf).entrySet()) {
      long rows = e.getValue() == null ? 0 : e.getValue();
      if (rows <= 0) {
        continue;
      }
      Dependency d = lookup.apply(e.getKey());
      if (d == null) {
        broken.add(
            String.format(
                "%d rows counted as duplicates of file %s, which the verifier does not know, "
                    + "cannot be shown to point to documents in MongoDB; roll back and replay this file",
                rows, e.getKey()));
      } else if (d.status() == FileStatus.ROLLED_BACK) {
        broken.add(
            String.format(
                "%d rows counted as duplicates of file %s point to documents missing from"
                    + " MongoDB; roll back and replay this file",
                rows, describe(d)));
      } else if (d.ownCheck() == null) {
        waiting.add(
            String.format(
                "waiting for the MongoDB check of file %s: %d rows counted as duplicates of"
                    + " its documents",
                describe(d), rows));
      } else if (!d.ownCheck().holds()) {
        broken.add(
            String.format(
                "%d rows counted as duplicates of file %s point to documents missing from"
                    + " MongoDB (%s); roll back and replay this file",
                rows, describe(d), d.ownCheck().shortfall()));
      }
    }
    if (!broken.isEmpty()) {
      return new Verdict(Outcome.BROKEN, List.copyOf(broken));
    }
    return waiting.isEmpty()
        ? new Verdict(Outcome.HOLDS, List.of())
        : new Verdict(Outcome.WAITING, List.copyOf(waiting));
  }

  /** A dependency as {@code id (name, STATUS)}, for messages. */
  private static String describe(Dependency d) {
    return d.fileId()
        + " ("
        + (d.fileName() == null ? "unnamed" : d.fileName())
        + ", "
        + d.status()
        + ")";
  }
}
