package io.tideway.verifier.reconcile;

import io.tideway.contracts.digest.ContentDigest;

/**
 * Both pipeline sides of one file as the topics report them: ingest's rows, the cleaner's totals
 * and the loader's receipts.
 *
 * @param digestBasis the digest versions {@code cleanerDigest} and {@code matchedDigest} were
 *     summed in
 */
public record Expected(
    long rowsRead,
    long cleaned,
    long duplicates,
    long rejected,
    String cleanerDigest,
    long inserted,
    long matched,
    long failed,
    String matchedDigest,
    DigestBasis digestBasis) {

  /** The same numbers with every digest in the current version. */
  public Expected(
      long rowsRead,
      long cleaned,
      long duplicates,
      long rejected,
      String cleanerDigest,
      long inserted,
      long matched,
      long failed,
      String matchedDigest) {
    this(
        rowsRead,
        cleaned,
        duplicates,
        rejected,
        cleanerDigest,
        inserted,
        matched,
        failed,
        matchedDigest,
        DigestBasis.NONE);
  }

  /** Every input row is accounted for by the cleaner. */
  public boolean cleanerDone() {
    return cleaned + duplicates + rejected == rowsRead;
  }

  /** Every cleaned document is accounted for by a loader receipt. */
  public boolean loaderDone() {
    return inserted + matched + failed == cleaned;
  }

  /** Both sides have finished counting, so MongoDB can be compared. */
  public boolean settled() {
    return cleanerDone() && loaderDone();
  }

  /** Invariant 2's right-hand side. */
  public long expectedDocuments() {
    return cleaned - matched - failed;
  }

  /**
   * Invariant 3's expectation: the cleaner's digest minus what was already present from other
   * files.
   */
  public String expectedDigest() {
    return ContentDigest.format(
        ContentDigest.parse(cleanerDigest) - ContentDigest.parse(matchedDigest));
  }
}
