package io.tideway.verifier.ledger;

import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.outcome.OutcomeRule;
import io.tideway.verifier.reconcile.Expected;
import java.time.Instant;

/** Builds the {@link IntegrityEvent} of a file: what the topic, the API and the dashboard show. */
final class IntegrityViews {

  private IntegrityViews() {}

  /**
   * The file's current view; {@code rows_read} is the rows so far until COMPLETED, {@code outcome}
   * is classed by {@code thresholds}.
   */
  static IntegrityEvent of(
      FileRecord f, Expected e, Instant at, VerifierConfig.OutcomeConfig thresholds) {
    boolean anyCleaned = e.cleaned() + e.duplicates() + e.rejected() > 0;
    long rowsRead = f.completed ? f.rowsRead : f.rowsSoFar;
    return new IntegrityEvent(
        IntegrityEvent.SCHEMA,
        f.fileId,
        f.fileName,
        f.mapping,
        f.status(),
        rowsRead,
        e.cleaned(),
        e.duplicates(),
        e.rejected(),
        e.inserted(),
        e.matched(),
        e.failed(),
        f.documentsInMongo,
        f.documentsNonconforming,
        anyCleaned ? e.expectedDigest() : null,
        f.digestActual,
        f.problems,
        f.startedAt != null ? f.startedAt : f.discoveredAt,
        f.completedAt,
        f.verifiedAt,
        at,
        f.mappingVersion > 0 ? f.mappingVersion : null,
        f.source,
        OutcomeRule.classify(f.status(), rowsRead, e.rejected(), f.documentsInMongo, thresholds));
  }

  /**
   * The same event stamped {@code at} (null to compare two events regardless of when they were
   * made).
   */
  static IntegrityEvent withAt(IntegrityEvent e, Instant at) {
    return new IntegrityEvent(
        e.schema(),
        e.fileId(),
        e.fileName(),
        e.mapping(),
        e.status(),
        e.rowsRead(),
        e.cleaned(),
        e.duplicates(),
        e.rejected(),
        e.inserted(),
        e.matched(),
        e.failed(),
        e.documentsInMongo(),
        e.documentsNonconforming(),
        e.digestExpected(),
        e.digestActual(),
        e.problems(),
        e.startedAt(),
        e.completedAt(),
        e.verifiedAt(),
        at,
        e.mappingVersion(),
        e.source(),
        e.outcome());
  }
}
