package io.tideway.verifier.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileOutcome;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.config.VerifierConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeRuleTest {

  /** Thresholds: with rejects above {@code above}, mostly rejected at {@code mostly}. */
  private static VerifierConfig.OutcomeConfig thresholds(double above, double mostly) {
    VerifierConfig.OutcomeConfig c = new VerifierConfig.OutcomeConfig();
    c.setWithRejectsAbove(above);
    c.setMostlyRejectedAt(mostly);
    return c;
  }

  @ParameterizedTest(name = "{0} {1} rows, {2} rejected, {3} in MongoDB, [{4}, {5}] -> {6}")
  @CsvSource(
      nullValues = "null",
      value = {
        // status,     rows, rejected, in mongo, above, mostly, outcome
        "VERIFIED,     1000,    0,      1000,    0,     0.5,    CLEAN",
        "VERIFIED,     2000,   10,      1990,    0,     0.5,    WITH_REJECTS",
        "VERIFIED,     2000,   10,      1990,    0.01,  0.5,    CLEAN",
        "VERIFIED,     2000,   21,      1979,    0.01,  0.5,    WITH_REJECTS",
        "VERIFIED,     1000,  499,       501,    0,     0.5,    WITH_REJECTS",
        "VERIFIED,     1000,  500,       500,    0,     0.5,    MOSTLY_REJECTED",
        "VERIFIED,     1000,  900,       100,    0,     0.8,    MOSTLY_REJECTED",
        "VERIFIED,     1000, 1000,         0,    0,     0.5,    NOTHING_LOADED",
        // every row a duplicate of another file's documents: nothing of its own in MongoDB
        "VERIFIED,     1000,    0,         0,    0,     0.5,    NOTHING_LOADED",
        "VERIFIED,        0,    0,         0,    0,     0.5,    CLEAN",
        // no check answered yet: the count of MongoDB is unknown, not 0
        "VERIFIED,     1000,    0,      null,    0,     0.5,    CLEAN",
        "INGESTED,     1000, 1000,         0,    0,     0.5,    null",
        "MISMATCH,     1000,   10,       989,    0,     0.5,    null",
        "FAILED,       1000,    0,         0,    0,     0.5,    null",
      })
  void classifiesAVerifiedFileByItsRejectedFraction(
      FileStatus status,
      long rows,
      long rejected,
      Long inMongo,
      double above,
      double mostly,
      FileOutcome expected) {
    assertThat(OutcomeRule.classify(status, rows, rejected, inMongo, thresholds(above, mostly)))
        .isEqualTo(expected);
  }
}
