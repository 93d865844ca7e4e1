package io.tideway.verifier.reconcile;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.Conformance;
import io.tideway.contracts.mapping.DocumentShape;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;

/**
 * What MongoDB holds for one file.
 *
 * @param digest content digest of the stored documents as hex, or null when only counted
 * @param nonConforming documents with a mapped field missing or of the wrong BSON type (full scans
 *     only)
 * @param conformance one line per field and wrong type found, from {@code Conformance.problems()}
 * @param digestVersion the version {@code digest} is in; null without a digest
 */
public record StoredScan(
    long count,
    String digest,
    long nonConforming,
    List<String> conformance,
    DigestVersion digestVersion) {

  public StoredScan {
    conformance = conformance == null ? List.of() : List.copyOf(conformance);
    digestVersion = digest == null ? null : digestVersion;
  }

  /** A scan with its digest (if any) in the current version. */
  public StoredScan(long count, String digest, long nonConforming, List<String> conformance) {
    this(count, digest, nonConforming, conformance, DigestVersion.CURRENT);
  }

  public static StoredScan countOnly(long count) {
    return new StoredScan(count, null, 0, List.of());
  }

  /** A full scan whose documents all conform. */
  public static StoredScan conforming(long count, String digest) {
    return new StoredScan(count, digest, 0, List.of());
  }

  /**
   * Counts, digests in {@code version} and type-checks {@code documents} in one pass: the full
   * check of a file.
   */
  public static StoredScan of(
      Iterator<? extends BsonDocument> documents, DocumentShape shape, DigestVersion version) {
    ContentDigest digest = new ContentDigest(version);
    Conformance conformance = shape.check();
    while (documents.hasNext()) {
      BsonDocument doc = documents.next();
      digest.add(doc);
      conformance.add(doc);
    }
    return new StoredScan(
        digest.count(), digest.hex(), conformance.nonConforming(), conformance.problems(), version);
  }

  public boolean hasDigest() {
    return digest != null;
  }
}
