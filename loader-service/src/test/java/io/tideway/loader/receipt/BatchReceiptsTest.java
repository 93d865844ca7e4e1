package io.tideway.loader.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.loader.consume.ParsedRecord;
import io.tideway.loader.support.CleanedDocs;
import io.tideway.loader.write.BatchResult;
import io.tideway.loader.write.LoadDocument;
import io.tideway.loader.write.Namespace;
import io.tideway.loader.write.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchReceiptsTest {

  private static final TopicPartition P0 = new TopicPartition("tideway.cleaned", 0);
  private static final TopicPartition P1 = new TopicPartition("tideway.cleaned", 1);
  private static final Namespace NS = new Namespace("tideway", "admissions");

  @Test
  void oneReceiptPerPartitionWithInclusiveRangesCountsAndTheMatchedDigest() {
    LoadDocument a = load(P0, 10, "F1", 1);
    LoadDocument b = load(P0, 11, "F2", 2);
    LoadDocument c = load(P1, 7, "F1", 3);
    Refusal refused =
        new Refusal(P0, 12, "F1", "F1.csv", 4, "mongodb.write_error", "v=1, code=2, message=bad");
    List<ParsedRecord> records =
        List.of(
            new ParsedRecord(P0, 10, "F1", a, null), new ParsedRecord(P0, 11, "F2", b, null),
            new ParsedRecord(P0, 12, "F1", null, refused), new ParsedRecord(P1, 7, "F1", c, null));
    BatchResult result =
        new BatchResult(
            new ArrayList<>(List.of(a, c)), new ArrayList<>(List.of(b)), new ArrayList<>());

    BatchReceipts out = BatchReceipts.of(records, result, Instant.EPOCH);

    assertThat(out.receipts()).hasSize(2);
    LoadReceipt r0 = out.receipts().get(0);
    assertThat(r0.key()).isEqualTo("tideway.cleaned/0/10-12");
    assertThat(r0.files().get("F1"))
        .isEqualTo(new LoadReceipt.FileLoad(1, 0, 1, ContentDigest.format(0)));
    assertThat(r0.files().get("F2"))
        .isEqualTo(
            new LoadReceipt.FileLoad(
                0, 1, 0, ContentDigest.format(ContentDigest.hash(b.document()))));
    assertThat(out.receipts().get(1).key()).isEqualTo("tideway.cleaned/1/7-7");
    assertThat(out.offsets().get(P0).offset()).isEqualTo(13);
    assertThat(out.offsets().get(P1).offset()).isEqualTo(8);
    RejectedRow rejected = out.rejected().get(0);
    assertThat(rejected.stage()).isEqualTo(RejectedRow.Stage.LOADER);
    assertThat(rejected.row()).isEqualTo(4);
    assertThat(rejected.reasons().get(0).message()).isEqualTo("v=1, code=2, message=bad");
  }

  private static LoadDocument load(TopicPartition tp, long offset, String file, long row) {
    return new LoadDocument(tp, offset, file, NS, CleanedDocs.doc(file + row, file, row));
  }
}
