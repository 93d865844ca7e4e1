package io.tideway.ingest.inbox;

/** Which names in the inbox are files to ingest: no dotfiles, no partial uploads. */
public final class InboxRules {

  /** The mapping folder of files dropped straight into the inbox (chosen by their header). */
  public static final String BY_HEADER = io.tideway.contracts.mapping.MappingCatalog.BY_HEADER;

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
