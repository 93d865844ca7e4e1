package io.tideway.contracts.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawBlockerTest {

  private static final int PARTITIONS = 3;

  private record Sent(int partition, RawBlock block) {}

  private final List<Sent> sent = new ArrayList<>();
  private final RawBlocker blocker = new RawBlocker(PARTITIONS, (p, b) -> sent.add(new Sent(p, b)));

  private static RawRow row(String fileId, long n, String value) {
    return RawRow.row(fileId, n, n + 1, List.of(value, "x"), null, Instant.EPOCH);
  }

  @Test
  void rowsWaitUntilFlushThenGoOutPerPartitionInFileOrderEachOnce() {
    for (int i = 1; i <= 60; i++) {
      blocker.add(row("f1", i, "v" + (i % 20)));
    }
    assertThat(sent).isEmpty();
    blocker.flush();
    assertThat(sent).hasSizeLessThanOrEqualTo(PARTITIONS);
    List<Long> all = new ArrayList<>();
    for (Sent s : sent) {
      List<Long> rows = s.block().rows().stream().map(RawRow::row).toList();
      assertThat(rows).isSorted();
      assertThat(s.block().rows()).allMatch(r -> r.partition(PARTITIONS) == s.partition());
      all.addAll(rows);
    }
    assertThat(all).hasSize(60).doesNotHaveDuplicates();
    blocker.flush();
    assertThat(sent).hasSizeLessThanOrEqualTo(PARTITIONS);
  }

  @Test
  void aFullBlockGoesOutAtOnce() {
    for (int i = 1; i <= RawBlock.MAX_ROWS + 1; i++) {
      blocker.add(row("f1", i, "same"));
    }
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).block().rows()).hasSize(RawBlock.MAX_ROWS);
  }

  @Test
  void aBlockStaysFarBelowARecordsSizeLimit() {
    String wide = "w".repeat(100_000);
    for (int i = 1; i <= 5; i++) {
      blocker.add(row("f1", i, wide));
    }
    assertThat(sent).isNotEmpty();
    assertThat(sent)
        .allMatch(s -> new RawBlockSerde().serialize("t", s.block()).length <= 300 * 1024);
  }

  @Test
  void anotherFilesRowSendsThePartitionsPendingBlockFirst() {
    blocker.add(row("f1", 1, "same"));
    blocker.add(row("f2", 1, "same"));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).block().fileId()).isEqualTo("f1");
    blocker.flush();
    assertThat(sent).extracting(s -> s.block().fileId()).containsExactly("f1", "f2");
  }

  @Test
  void clearDropsThePendingRowsOfAnAbortedTransaction() {
    blocker.add(row("f1", 1, "a"));
    blocker.clear();
    blocker.flush();
    assertThat(sent).isEmpty();
  }

  @Test
  void aSelfDescribedRowGoesOutAloneAfterItsPartitionsPendingRows() {
    RawRow plain = row("f1", 1, "same");
    RawRow selfDescribed =
        new RawRow(
            1,
            RawRow.Kind.ROW,
            "f1",
            2,
            3,
            List.of("same", "x"),
            null,
            Instant.EPOCH,
            "old.csv",
            "m",
            List.of("A", "B"));
    blocker.add(plain);
    blocker.add(selfDescribed);
    assertThat(sent)
        .extracting(s -> s.block().rows())
        .containsExactly(List.of(plain), List.of(selfDescribed));
  }
}
