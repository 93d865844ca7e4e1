package io.tideway.cleaner.streams;

/**
 * Value of the dedup store: where a key was first seen and when (wall clock, for retention).
 *
 * @param seenAtMs wall-clock millis of the first sighting; entries older than the retention are
 *     purged
 */
public record FirstSeen(String fileId, long row, long seenAtMs) {

  public boolean isSameRow(String otherFileId, long otherRow) {
    return row == otherRow && fileId.equals(otherFileId);
  }
}
