package io.tideway.verifier.reconcile;

import java.util.List;

/**
 * What MongoDB holds for one file.
 *
 * @param digest content digest of the stored documents as hex, or null when only counted
 * @param nonConforming documents with a mapped field missing or of the wrong BSON type (full scans only)
 * @param conformance one line per field and wrong type found, from {@code Conformance.problems()}
 */
public record StoredScan(long count, String digest, long nonConforming, List<String> conformance) {

  public StoredScan {
    conformance = conformance == null ? List.of() : List.copyOf(conformance);
  }

  public static StoredScan countOnly(long count) {
    return new StoredScan(count, null, 0, List.of());
  }

  /** A full scan whose documents all conform. */
  public static StoredScan conforming(long count, String digest) {
    return new StoredScan(count, digest, 0, List.of());
  }

  public boolean hasDigest() {
    return digest != null;
  }
}
