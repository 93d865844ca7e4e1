package io.tideway.verifier.reconcile;

/**
 * What MongoDB holds for one file.
 *
 * @param digest content digest of the stored documents as hex, or null when only counted
 */
public record StoredScan(long count, String digest) {

  public static StoredScan countOnly(long count) {
    return new StoredScan(count, null);
  }

  public boolean hasDigest() {
    return digest != null;
  }
}
