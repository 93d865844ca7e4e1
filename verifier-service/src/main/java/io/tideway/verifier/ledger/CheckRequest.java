package io.tideway.verifier.ledger;

/**
 * One MongoDB check the ledger wants done, taken under its lock and applied later.
 *
 * @param version the file's version when the check was requested; a stale result is discarded
 * @param audit true for a re-audit of a settled file, false for a first check after new events
 */
public record CheckRequest(
    String fileId, String database, String collection, boolean withDigest, long version, boolean audit) {}
