package io.tideway.verifier.ledger;

import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.Mapping;

/**
 * One MongoDB check the ledger wants done, taken under its lock and applied later.
 *
 * @param mapping the file's mapping: where its documents are and the shape a full check expects
 * @param version the file's version when the check was requested; a stale result is discarded
 * @param audit true for a periodic re-audit of a settled file; false for a check with a reason (new
 *     events, or a count that changed), which the digest budget never holds back
 * @param digestVersion the version to digest the stored documents in: the one the file's expected
 *     digest is in
 */
public record CheckRequest(
    String fileId,
    Mapping mapping,
    boolean withDigest,
    long version,
    boolean audit,
    DigestVersion digestVersion) {

  public String database() {
    return mapping.target().database();
  }

  public String collection() {
    return mapping.target().collection();
  }

  public DocumentShape shape() {
    return DocumentShape.of(mapping);
  }
}
