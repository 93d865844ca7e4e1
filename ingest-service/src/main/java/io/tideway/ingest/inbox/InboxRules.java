package io.tideway.ingest.inbox;

/** Which names in the inbox are files to ingest: no dotfiles, no partial uploads. */
public final class InboxRules {

  /**
   * The mapping folder of files dropped straight into the inbox: their mapping is chosen by their
   * header (and inferred when none fits).
   */
  public static final String BY_HEADER = "_by-header";

  private InboxRules() {}

  /** True for a file name ingest should pick up. */
  public static boolean isCandidate(String fileName) {
    return !fileName.isEmpty()
        && !fileName.startsWith(".")
        && !fileName.endsWith(".tmp")
        && !fileName.endsWith(".part");
  }

  /** True for a subfolder whose name selects a mapping (dot-folders are private). */
  public static boolean isMappingFolder(String dirName) {
    return !dirName.isEmpty() && !dirName.startsWith(".");
  }
}
