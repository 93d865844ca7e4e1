package io.tideway.ingest.inbox;

/**
 * Size and modification time of a file at one observation, and the modification time of the folder
 * holding it, read just before (0 when unknown).
 */
public record FileState(long size, long modifiedMillis, long folderModifiedMillis) {

  /** A state whose folder's time is unknown. */
  public FileState(long size, long modifiedMillis) {
    this(size, modifiedMillis, 0);
  }

  /** Whether the file itself is unchanged: the folder's time moves with its other entries. */
  boolean sameFileAs(FileState other) {
    return size == other.size && modifiedMillis == other.modifiedMillis;
  }

  /**
   * Whether the file was last written at least {@code quietMillis} before its folder last changed
   * (e.g. before it was moved in). Both times come from the file system's own clock, and the folder
   * changed no later than now, so the file has not been written for that long: no clock skew
   * between this host and a network file system can make a file being written look quiet.
   */
  boolean quietBeforeFolderChanged(long quietMillis) {
    return folderModifiedMillis > 0 && folderModifiedMillis - modifiedMillis >= quietMillis;
  }
}
