package io.tideway.verifier.cycle;

import io.tideway.verifier.FakeStore;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.alert.AlertRules;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.lag.GroupLag;
import io.tideway.verifier.ledger.FileLedger;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cycle under test as the cycle tests build it: the fake store as both store and marker, by
 * default no consumer lag and the digest re-audit budget alone.
 */
final class Cycles {

  private Cycles() {}

  static VerificationCycle over(
      FileLedger ledger,
      VerifierConfig config,
      AlertBook alerts,
      FakeStore store,
      IntegrityOutput out,
      Clock clock) {
    return over(
        ledger,
        config,
        alerts,
        store,
        out,
        clock,
        List::of,
        AuditBudgets.digestOnly(config.getDigestBudget()));
  }

  static VerificationCycle over(
      FileLedger ledger,
      VerifierConfig config,
      AlertBook alerts,
      FakeStore store,
      IntegrityOutput out,
      Clock clock,
      Supplier<List<GroupLag>> lag,
      AuditBudgets budgets) {
    return new VerificationCycle(
        ledger, new AlertRules(config.getAlerts(), alerts), store, store, out, clock, lag, budgets);
  }
}
