package io.tideway.verifier.reconcile;

/**
 * What a file's own latest MongoDB check found of its documents, regardless of other files: files
 * that counted duplicates of its documents rely on it.
 *
 * @param found documents of the file in MongoDB
 * @param expected documents the pipeline says it stored (cleaned - matched - failed)
 * @param contentMatches false when the last full check found a digest other than expected
 */
public record OwnCheck(long found, long expected, boolean contentMatches) {

  /** The file holds its expected documents: count equal, and content equal as far as checked. */
  public boolean holds() {
    return found == expected && contentMatches;
  }

  /** Why the documents are not all there, in words; empty when they are. */
  public String shortfall() {
    if (found != expected) {
      return "its check found " + found + " of " + expected + " documents";
    }
    return contentMatches ? "" : "its documents' content differs from what the cleaner emitted";
  }
}
