package io.tideway.verifier.cycle;

import io.tideway.verifier.config.VerifierConfig;

/**
 * Shares of wall time the periodic re-audits may take: full re-audits ({@code digest}) and count
 * re-audits ({@code count}); 1 holds nothing back. A store that answers by scanning whole
 * collections (the embedded server does) would otherwise be kept busy by them as data grows,
 * slowing the files in flight.
 */
public record AuditBudgets(double digest, double count) {

  /** The budgets the verifier is configured with. */
  public static AuditBudgets of(VerifierConfig config) {
    return new AuditBudgets(config.getDigestBudget(), config.getCountBudget());
  }

  /** Full re-audits held to {@code digest}, count re-audits not held back. */
  public static AuditBudgets digestOnly(double digest) {
    return new AuditBudgets(digest, 1);
  }
}
