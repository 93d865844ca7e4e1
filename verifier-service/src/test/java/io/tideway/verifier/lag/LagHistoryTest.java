package io.tideway.verifier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

  private static GroupLag group(String name, long lag) {
    return new GroupLag(name, true, LagStatus.OK, lag, List.of());
  }

  @Test
  void keepsFifteenMinutesPerGroupOldestFirst() {
    LagHistory history = new LagHistory();
    Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
    history.record(t0, List.of(group("cleaner", 5), group("loader", 0)));
    history.record(t0.plusSeconds(600), List.of(group("cleaner", 900)));
    history.record(t0.plusSeconds(901), List.of(group("cleaner", 7), group("loader", 3)));

    assertThat(history.snapshot().get("cleaner"))
        .containsExactly(
            new LagHistory.Point(t0.plusSeconds(600), 900),
            new LagHistory.Point(t0.plusSeconds(901), 7));
    assertThat(history.snapshot().get("loader"))
        .containsExactly(new LagHistory.Point(t0.plusSeconds(901), 3));
  }
}
