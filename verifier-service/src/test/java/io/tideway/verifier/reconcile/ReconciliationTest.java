package io.tideway.verifier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.verifier.Fixtures;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  private final List<BsonDocument> docs = Fixtures.documents("f1", 10);
  private final String digest = Fixtures.digest(docs);

  private Expected expected(long rowsRead, long cleaned, long dups, long rejected, String cleanerDigest,
      long inserted, long matched, long failed, String matchedDigest) {
    return new Expected(rowsRead, cleaned, dups, rejected, cleanerDigest, inserted, matched, failed, matchedDigest);
  }

  @Test
  void allInvariantsHoldIsVerified() {
    Expected e = expected(12, 10, 1, 1, digest, 10, 0, 0, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(10, digest));
    assertThat(e.settled()).isTrue();
    assertThat(v.verified()).isTrue();
    assertThat(v.problems()).isEmpty();
  }

  @Test
  void rowsNotAccountedForBreakInvariantOne() {
    Expected e = expected(13, 10, 1, 1, digest, 10, 0, 0, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(10, digest));
    assertThat(v.verified()).isFalse();
    assertThat(v.violations()).singleElement().asString()
        .contains("rows_read 13", "= 12", "1 rows unaccounted");
  }

  @Test
  void missingDocumentBreaksInvariantTwoWithBothSides() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    List<BsonDocument> stored = docs.subList(0, 9);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(9, Fixtures.digest(stored)));
    assertThat(v.violations()).hasSize(2);
    assertThat(v.violations().get(0)).contains("documents_in_mongo 9", "= 10", "1 documents missing");
    assertThat(v.violations().get(1)).contains("digest of stored documents");
  }

  @Test
  void countOnlyScanChecksCountsButNotDigest() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    assertThat(Reconciliation.verify(e, StoredScan.countOnly(10)).verified()).isTrue();
    assertThat(Reconciliation.verify(e, StoredScan.countOnly(11)).violations().get(0)).contains("1 documents extra");
  }

  @Test
  void changedContentBreaksInvariantThree() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    List<BsonDocument> altered = Fixtures.documents("f1", 10);
    altered.get(3).put("billing_amount", new org.bson.BsonInt32(1));
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(10, Fixtures.digest(altered)));
    assertThat(v.violations()).singleElement().asString().contains("content differs", digest);
  }

  @Test
  void matchedDocumentsAreSubtractedFromTheCleanerDigest() {
    // 10 cleaned, 2 of them already stored by another file: 8 documents carry this file id.
    String matchedDigest = Fixtures.digest(docs.subList(8, 10));
    Expected e = expected(10, 10, 0, 0, digest, 8, 2, 0, matchedDigest);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(8, Fixtures.digest(docs.subList(0, 8))));
    assertThat(v.verified()).isTrue();
    assertThat(e.expectedDigest()).isEqualTo(Fixtures.digest(docs.subList(0, 8)));
  }

  @Test
  void failedDocumentsMakeTheDigestNotComparableRatherThanWrong() {
    Expected e = expected(10, 10, 0, 0, digest, 9, 0, 1, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(9, Fixtures.digest(docs.subList(0, 9))));
    assertThat(v.verified()).isTrue();
    assertThat(v.problems()).singleElement().asString().startsWith(Reconciliation.NOT_COMPARABLE).contains("1 documents failed");
  }

  @Test
  void unsettledNamesTheShortSide() {
    Expected e = expected(100, 90, 5, 0, ContentDigest.format(0), 80, 0, 0, null);
    assertThat(e.settled()).isFalse();
    List<String> problems = Reconciliation.unsettled(e, 120);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("cleaner side", "rows_read 100", "5 rows short");
    assertThat(problems.get(1)).contains("loader side", "cleaned 90", "10 documents short");
  }
}
