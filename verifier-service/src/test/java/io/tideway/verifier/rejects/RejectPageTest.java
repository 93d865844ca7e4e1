package io.tideway.verifier.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.payload.RejectedRow.Stage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectPageTest {

  private static RejectedRow row(long row, Reason... reasons) {
    return new RejectedRow(
        RejectedRow.SCHEMA,
        "f",
        "f.csv",
        row,
        row + 1,
        Stage.CLEANER,
        List.of(reasons),
        Instant.EPOCH);
  }

  @Test
  void oneItemPerBrokenRuleAndPagesThatEndCleanly() {
    List<RejectPage.Item> items =
        RejectPage.items(
            List.of(
                row(1, new Reason("date", "type", "31/02/2024", "not a date")),
                row(
                    5,
                    new Reason("age", "range", "-3", "below 0"),
                    new Reason("name", "required", "", "empty")),
                new RejectedRow(
                    RejectedRow.SCHEMA, "f", "f.csv", 9, 10, null, null, Instant.EPOCH)));

    assertThat(items)
        .extracting(RejectPage.Item::row, RejectPage.Item::field, RejectPage.Item::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "date", "not a date"),
            org.assertj.core.groups.Tuple.tuple(5L, "age", "below 0"),
            org.assertj.core.groups.Tuple.tuple(5L, "name", "empty"),
            org.assertj.core.groups.Tuple.tuple(9L, null, "rejected"));
    assertThat(items.get(0).stage()).isEqualTo("cleaner");
    assertThat(items.get(0).line()).isEqualTo(2);

    RejectPage second = RejectPage.of("f", items, 2, 3);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.items()).extracting(RejectPage.Item::row).containsExactly(9L);
    assertThat(RejectPage.of("f", items, 3, 3).items()).isEmpty();
  }
}
