package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.LoadReceipt;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptLedgerTest {

  private static LoadReceipt receipt(int partition, long from, long to, long inserted) {
    return new LoadReceipt(
        LoadReceipt.SCHEMA,
        "tideway.cleaned",
        partition,
        from,
        to,
        Map.of("F1", new LoadReceipt.FileLoad(inserted, 0, 0, ContentDigest.format(0))),
        Instant.EPOCH);
  }

  @Test
  void aReceiptDeliveredTwiceIsCountedOnce() {
    ReceiptLedger ledger = new ReceiptLedger();

    assertThat(ledger.accept(receipt(0, 0, 49, 50))).isTrue();
    assertThat(ledger.accept(receipt(0, 0, 49, 50))).isFalse();

    assertThat(ledger.of("F1").inserted()).isEqualTo(50);
  }

  @Test
  void aReceiptOverOffsetsOthersAlreadyCoverIsNotCountedAgain() {
    ReceiptLedger ledger = new ReceiptLedger();
    ledger.accept(receipt(0, 0, 49, 50));
    ledger.accept(receipt(0, 50, 99, 50));

    // The same offsets receipted again with other boundaries, inside what is counted.
    assertThat(ledger.accept(receipt(0, 20, 79, 60))).isFalse();

    assertThat(ledger.of("F1").inserted()).isEqualTo(100);
  }

  @Test
  void theSameOffsetsOfAnotherPartitionAreCounted() {
    ReceiptLedger ledger = new ReceiptLedger();
    ledger.accept(receipt(0, 0, 49, 50));

    assertThat(ledger.accept(receipt(1, 0, 49, 50))).isTrue();

    assertThat(ledger.of("F1").inserted()).isEqualTo(100);
  }
}
