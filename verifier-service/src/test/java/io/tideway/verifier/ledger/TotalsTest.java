package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.verifier.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TotalsTest {

  @Test
  void cleanerTotalsSumTheLatestRecordPerPartition() {
    CleanerTotals totals = new CleanerTotals();
    totals.accept(Fixtures.stats("f1", 0, 5, 1, 0, "0000000000000005"));
    totals.accept(
        Fixtures.stats("f1", 0, 10, 2, 1, "000000000000000a")); // replaces partition 0's record
    totals.accept(Fixtures.stats("f1", 1, 7, 0, 3, "ffffffffffffffff"));
    totals.accept(Fixtures.stats("f2", 0, 100, 0, 0, "0000000000000001"));

    CleanerTotals.Sum sum = totals.of("f1");
    assertThat(sum.cleaned()).isEqualTo(17);
    assertThat(sum.duplicates()).isEqualTo(2);
    assertThat(sum.rejected()).isEqualTo(4);
    assertThat(sum.digest()).isEqualTo(ContentDigest.format(0xaL - 1)); // sums wrap modulo 2^64
    assertThat(totals.of("unknown").cleaned()).isZero();
    assertThat(sum.duplicatesOf()).isEmpty(); // records without duplicates_of: none known
  }

  @Test
  void duplicatesOfOtherFilesAreSummedOverTheLatestRecordPerPartition() {
    CleanerTotals totals = new CleanerTotals();
    totals.accept(Fixtures.stats("f2", 0, 0, 4, 0, "0000000000000000", Map.of("f1", 4L)));
    totals.accept(Fixtures.stats("f2", 0, 0, 9, 0, "0000000000000000", Map.of("f1", 8L, "f0", 1L)));
    totals.accept(Fixtures.stats("f2", 1, 0, 5, 0, "0000000000000000", Map.of("f1", 5L)));

    assertThat(totals.of("f2").duplicatesOf())
        .containsExactlyInAnyOrderEntriesOf(Map.of("f1", 13L, "f0", 1L));
  }

  @Test
  void aReceiptReplayedIsCountedOnce() {
    ReceiptLedger ledger = new ReceiptLedger();
    assertThat(ledger.accept(Fixtures.receipt(0, 0, 9, "f1", 8, 2, 0, "0000000000000003")))
        .isTrue();
    assertThat(ledger.accept(Fixtures.receipt(0, 0, 9, "f1", 8, 2, 0, "0000000000000003")))
        .isFalse();
    assertThat(ledger.accept(Fixtures.receipt(1, 0, 9, "f1", 9, 0, 1, "0000000000000004")))
        .isTrue();

    ReceiptLedger.Sum sum = ledger.of("f1");
    assertThat(sum.inserted()).isEqualTo(17);
    assertThat(sum.matched()).isEqualTo(2);
    assertThat(sum.failed()).isEqualTo(1);
    assertThat(sum.matchedDigest()).isEqualTo("0000000000000007");
    assertThat(sum.accounted()).isEqualTo(20);
  }
}
