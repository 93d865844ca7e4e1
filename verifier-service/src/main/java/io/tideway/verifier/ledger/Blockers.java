package io.tideway.verifier.ledger;

import io.tideway.verifier.lifecycle.WaitCause;

/**
 * The pipeline-wide causes open now that keep unsettled files from settling; each null when it is
 * not open.
 *
 * @param broker the verifier cannot reach Kafka: it blocks every file whose numbers still rise
 * @param cleaner the cleaner is down: it blocks files the cleaner has not accounted for
 * @param loader the loader is down: it blocks files the loader has not accounted for
 */
public record Blockers(WaitCause broker, WaitCause cleaner, WaitCause loader) {

  /** Nothing open. */
  public static final Blockers NONE = new Blockers(null, null, null);
}
