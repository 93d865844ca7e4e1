package io.tideway.verifier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.Conformance;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.verifier.Fixtures;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReconciliationTest {

  private final List<BsonDocument> docs = Fixtures.documents("f1", 10);
  private final String digest = Fixtures.digest(docs);

  private Expected expected(
      long rowsRead,
      long cleaned,
      long dups,
      long rejected,
      String cleanerDigest,
      long inserted,
      long matched,
      long failed,
      String matchedDigest) {
    return new Expected(
        rowsRead, cleaned, dups, rejected, cleanerDigest, inserted, matched, failed, matchedDigest);
  }

  @Test
  void allInvariantsHoldIsVerified() {
    Expected e = expected(12, 10, 1, 1, digest, 10, 0, 0, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, StoredScan.conforming(10, digest));
    assertThat(e.settled()).isTrue();
    assertThat(v.verified()).isTrue();
    assertThat(v.problems()).isEmpty();
  }

  @Test
  void rowsNotAccountedForBreakInvariantOne() {
    Expected e = expected(13, 10, 1, 1, digest, 10, 0, 0, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, StoredScan.conforming(10, digest));
    assertThat(v.verified()).isFalse();
    assertThat(v.violations())
        .singleElement()
        .asString()
        .contains("rows_read 13", "= 12", "1 rows unaccounted");
  }

  @Test
  void missingDocumentBreaksInvariantTwoWithBothSides() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    List<BsonDocument> stored = docs.subList(0, 9);
    Reconciliation.Verdict v =
        Reconciliation.verify(e, StoredScan.conforming(9, Fixtures.digest(stored)));
    assertThat(v.violations()).hasSize(2);
    assertThat(v.violations().get(0))
        .contains("documents_in_mongo 9", "= 10", "1 documents missing");
    assertThat(v.violations().get(1)).contains("digest of stored documents");
  }

  @Test
  void countOnlyScanChecksCountsButNotDigest() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    assertThat(Reconciliation.verify(e, StoredScan.countOnly(10)).verified()).isTrue();
    assertThat(Reconciliation.verify(e, StoredScan.countOnly(11)).violations().get(0))
        .contains("1 documents extra");
  }

  @Test
  void changedContentBreaksInvariantThree() {
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    List<BsonDocument> altered = Fixtures.documents("f1", 10);
    altered.get(3).put("billing_amount", new org.bson.BsonInt32(1));
    Reconciliation.Verdict v =
        Reconciliation.verify(e, StoredScan.conforming(10, Fixtures.digest(altered)));
    assertThat(v.violations()).singleElement().asString().contains("content differs", digest);
  }

  @Test
  void matchedDocumentsAreSubtractedFromTheCleanerDigest() {
    // 10 cleaned, 2 of them already stored by another file: 8 documents carry this file id.
    String matchedDigest = Fixtures.digest(docs.subList(8, 10));
    Expected e = expected(10, 10, 0, 0, digest, 8, 2, 0, matchedDigest);
    Reconciliation.Verdict v =
        Reconciliation.verify(e, StoredScan.conforming(8, Fixtures.digest(docs.subList(0, 8))));
    assertThat(v.verified()).isTrue();
    assertThat(e.expectedDigest()).isEqualTo(Fixtures.digest(docs.subList(0, 8)));
  }

  @Test
  void failedDocumentsMakeTheDigestNotComparableRatherThanWrong() {
    Expected e = expected(10, 10, 0, 0, digest, 9, 0, 1, null);
    Reconciliation.Verdict v =
        Reconciliation.verify(e, StoredScan.conforming(9, Fixtures.digest(docs.subList(0, 9))));
    assertThat(v.verified()).isTrue();
    assertThat(v.problems())
        .singleElement()
        .asString()
        .startsWith(Reconciliation.NOT_COMPARABLE)
        .contains("1 documents failed");
  }

  @Test
  void mistypedDocumentsBreakConformanceEvenWhenTheDigestCannotBeCompared() {
    // 1 document failed in MongoDB: the digest is not comparable, but the stored types still are.
    List<BsonDocument> stored = Fixtures.documents("f1", 9);
    stored.get(2).getDocument("patient").put("age", new BsonString("42"));
    Conformance c = DocumentShape.of(MappingCatalog.builtIn().get("healthcare-admissions")).check();
    stored.forEach(c::add);
    Expected e = expected(10, 10, 0, 0, digest, 9, 0, 1, null);
    Reconciliation.Verdict v =
        Reconciliation.verify(
            e, new StoredScan(9, Fixtures.digest(stored), c.nonConforming(), c.problems()));
    assertThat(v.verified()).isFalse();
    assertThat(v.violations())
        .containsExactly(
            "1 of 9 stored documents do not conform to the mapping (a field missing or of another BSON type)",
            "patient.age: string in 1 document, mapping 'healthcare-admissions' says int32 (first at row 4 of the file)");
    assertThat(v.notes()).singleElement().asString().startsWith(Reconciliation.NOT_COMPARABLE);
  }

  @Test
  void conformanceFindingsAreCappedWithTheRestCounted() {
    List<String> findings =
        java.util.stream.IntStream.rangeClosed(1, 13)
            .mapToObj(i -> "field" + i + ": missing")
            .toList();
    Expected e = expected(10, 10, 0, 0, digest, 10, 0, 0, null);
    Reconciliation.Verdict v = Reconciliation.verify(e, new StoredScan(10, digest, 10, findings));
    assertThat(v.violations())
        .hasSize(1 + Reconciliation.CONFORMANCE_LINES + 1)
        .contains("field10: missing")
        .doesNotContain("field11: missing")
        .last()
        .isEqualTo("3 more type findings not shown");
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

  // ---- digest versions: never compared across versions ----

  @Test
  void aMixOfDigestVersionsIsNotComparedNeverAMismatch() {
    DigestBasis mixed =
        DigestBasis.NONE.withCleaner(DigestVersion.V1).withCleaner(DigestVersion.V2);
    Expected e = new Expected(10, 10, 0, 0, "0123456789abcdef", 10, 0, 0, null, mixed);
    Reconciliation.Verdict v = Reconciliation.verify(e, StoredScan.conforming(10, digest));
    assertThat(v.verified()).isTrue();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .startsWith(Reconciliation.NOT_COMPARABLE + ": different digest versions: cleaner v1+v2");
    assertThat(Reconciliation.contentMatches(e, StoredScan.conforming(10, digest))).isTrue();
    // Counts are still checked.
    assertThat(Reconciliation.verify(e, StoredScan.conforming(9, digest)).verified()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = DigestVersion.class,
      names = {"V1", "V2"})
  void aFileCleanedByAnOlderVersionIsComparedInItsVersion(DigestVersion version) {
    DigestBasis older = DigestBasis.NONE.withCleaner(version);
    ContentDigest cleaner = new ContentDigest(version);
    docs.forEach(cleaner::add);
    Expected e = new Expected(10, 10, 0, 0, cleaner.hex(), 10, 0, 0, null, older);
    StoredScan same =
        StoredScan.of(
            docs.iterator(),
            DocumentShape.of(MappingCatalog.builtIn().get("healthcare-admissions")),
            version);
    assertThat(Reconciliation.verify(e, same).problems()).isEmpty();
    // The same documents digested in the current version do not count as the older digest.
    assertThat(Reconciliation.verify(e, StoredScan.conforming(10, digest)).notes())
        .singleElement()
        .asString()
        .contains("not comparable");

    List<BsonDocument> altered = Fixtures.documents("f1", 10);
    altered.get(3).getDocument("patient").put("name", new BsonString("Someone Else"));
    StoredScan altered2 =
        StoredScan.of(
            altered.iterator(),
            DocumentShape.of(MappingCatalog.builtIn().get("healthcare-admissions")),
            version);
    assertThat(Reconciliation.verify(e, altered2).violations())
        .singleElement()
        .asString()
        .contains("content differs");
    assertThat(Reconciliation.contentMatches(e, altered2)).isFalse();
  }

  @Test
  void aScanInAnotherVersionThanTheExpectationIsNotCompared() {
    DigestBasis v1 = DigestBasis.NONE.withCleaner(DigestVersion.V1);
    Expected e = new Expected(10, 10, 0, 0, "0123456789abcdef", 10, 0, 0, null, v1);
    Reconciliation.Verdict v = Reconciliation.verify(e, StoredScan.conforming(10, digest));
    assertThat(v.verified()).isTrue();
    assertThat(v.notes()).singleElement().asString().contains("digested in v3", "are v1");
  }
}
