package io.tideway.verifier.reconcile;

import io.tideway.contracts.digest.DigestVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The invariants of docs/ARCHITECTURE.md checked for one file; pure functions, no I/O. */
public final class Reconciliation {

  /** At most this many field lines of a type-conformance violation; the rest are summed up. */
  static final int CONFORMANCE_LINES = 10;

  /** Prefix of the note on a file whose digest cannot be compared; not a violation. */
  public static final String NOT_COMPARABLE = "digest not comparable";

  /**
   * The outcome of a check.
   *
   * @param violations broken invariants with the numbers of both sides; empty means VERIFIED
   * @param notes facts worth showing that break nothing (e.g. the digest could not be compared)
   */
  public record Verdict(List<String> violations, List<String> notes) {
    public boolean verified() {
      return violations.isEmpty();
    }

    /** Violations then notes, for {@code IntegrityEvent.problems}. */
    public List<String> problems() {
      List<String> all = new ArrayList<>(violations);
      all.addAll(notes);
      return List.copyOf(all);
    }
  }

  private Reconciliation() {}

  /** How each side's counts read in a "not settled" problem: its total, then its three parts. */
  private static final String CLEANER_SIDE =
      "rows_read %d, cleaned %d + duplicates %d + rejected %d";

  private static final String LOADER_SIDE =
      "cleaned %d, receipts inserted %d + matched %d + failed %d";

  /**
   * Checks invariants 1-3 of a settled file against what MongoDB holds, and, after a full scan, the
   * type conformance of the stored documents to the file's mapping.
   */
  public static Verdict verify(Expected e, StoredScan stored) {
    List<String> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (!e.cleanerDone()) {
      long accounted = e.cleaned() + e.duplicates() + e.rejected();
      violations.add(
          String.format(
              "rows_read %d != cleaned %d + duplicates %d + rejected %d = %d (%s)",
              e.rowsRead(),
              e.cleaned(),
              e.duplicates(),
              e.rejected(),
              accounted,
              difference(e.rowsRead() - accounted, "rows unaccounted", "rows counted twice")));
    }
    if (stored.count() != e.expectedDocuments()) {
      violations.add(
          String.format(
              "documents_in_mongo %d != cleaned %d - matched %d - failed %d = %d (%s)",
              stored.count(),
              e.cleaned(),
              e.matched(),
              e.failed(),
              e.expectedDocuments(),
              difference(
                  e.expectedDocuments() - stored.count(), "documents missing", "documents extra")));
    }
    if (stored.hasDigest()) {
      Optional<DigestVersion> version = e.digestBasis().version();
      if (version.isEmpty()) {
        notes.add(
            String.format(
                "%s: %s; counts and types are still checked, replay the file to prove its content",
                NOT_COMPARABLE, e.digestBasis().describe()));
      } else if (version.get() != stored.digestVersion()) {
        notes.add(
            String.format(
                "%s: the stored documents were digested in %s, the pipeline's digests are %s",
                NOT_COMPARABLE, stored.digestVersion(), version.get()));
      } else if (e.failed() > 0) {
        notes.add(
            String.format(
                "%s: %d documents failed in MongoDB, so the stored digest %s cannot equal cleaner digest minus matched %s",
                NOT_COMPARABLE, e.failed(), stored.digest(), e.expectedDigest()));
      } else if (!stored.digest().equals(e.expectedDigest())) {
        violations.add(
            String.format(
                "digest of stored documents %s != cleaner digest %s minus matched %s = %s (content differs)",
                stored.digest(), e.cleanerDigest(), e.matchedDigest(), e.expectedDigest()));
      }
    }
    if (stored.nonConforming() > 0) {
      violations.add(
          String.format(
              "%d of %d stored documents do not conform to the mapping"
                  + " (a field missing or of another BSON type)",
              stored.nonConforming(), stored.count()));
      List<String> lines = stored.conformance();
      lines.stream().limit(CONFORMANCE_LINES).forEach(violations::add);
      if (lines.size() > CONFORMANCE_LINES) {
        violations.add(
            String.format("%d more type findings not shown", lines.size() - CONFORMANCE_LINES));
      }
    }
    return new Verdict(List.copyOf(violations), List.copyOf(notes));
  }

  /**
   * False only when the stored digest can be compared with the expected one (same version, nothing
   * failed) and differs.
   */
  public static boolean contentMatches(Expected e, StoredScan stored) {
    Optional<DigestVersion> version = e.digestBasis().version();
    boolean comparable =
        version.isPresent() && version.get() == stored.digestVersion() && e.failed() == 0;
    return !comparable || stored.digest().equals(e.expectedDigest());
  }

  /** Why a file that did not settle in time is short, side by side. */
  public static List<String> unsettled(Expected e, long seconds) {
    List<String> problems = new ArrayList<>();
    if (!e.cleanerDone()) {
      long[] parts = {e.cleaned(), e.duplicates(), e.rejected()};
      problems.add(notSettled("cleaner", seconds, CLEANER_SIDE, "rows", e.rowsRead(), parts));
    }
    if (!e.loaderDone()) {
      long[] parts = {e.inserted(), e.matched(), e.failed()};
      problems.add(notSettled("loader", seconds, LOADER_SIDE, "documents", e.cleaned(), parts));
    }
    return List.copyOf(problems);
  }

  /**
   * One side's three parts against the total they must add up to, e.g. "loader side not settled
   * after 60s: cleaned 10, receipts inserted 8 + matched 0 + failed 0 = 8 (2 documents short)".
   */
  private static String notSettled(
      String side, long seconds, String counts, String unit, long total, long[] parts) {
    long accounted = java.util.Arrays.stream(parts).sum();
    return String.format(
        "%s side not settled after %ds: %s = %d (%s)",
        side,
        seconds,
        String.format(counts, total, parts[0], parts[1], parts[2]),
        accounted,
        difference(total - accounted, unit + " short", unit + " over"));
  }

  private static String difference(long shortBy, String shortWord, String overWord) {
    return shortBy >= 0 ? shortBy + " " + shortWord : (-shortBy) + " " + overWord;
  }
}
