package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StabilityTrackerTest {

  /**
   * One file observed at each time with the size given; the file is reported at the times listed.
   * stable-for is 500 ms.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      copied at once                      | 0:10 200:10 400:10 500:10 600:10          | 500 600
      slow writer, pauses below 500 ms    | 0:1 300:2 600:3 900:4 1200:5 1500:5 1800:5 | 1800
      writer pausing longer than 500 ms   | 0:1 300:1 600:1 700:2 900:2 1300:2       | 600 1300
      file that shrinks is not stable     | 0:9 400:3 800:3 900:3                     | 900
      """)
  void reportsAFileOnlyAfterItsSizeHeldStillForStableFor(
      String why, String observations, String expected) {
    StabilityTracker tracker = new StabilityTracker(Duration.ofMillis(500));
    StringBuilder reported = new StringBuilder();
    for (String o : observations.trim().split(" +")) {
      long at = Long.parseLong(o.split(":")[0]);
      long size = Long.parseLong(o.split(":")[1]);
      List<String> stable = tracker.observe(Map.of("f", new FileState(size, 0)), at);
      if (!stable.isEmpty()) {
        reported.append(reported.isEmpty() ? "" : " ").append(at);
      }
    }
    assertThat(reported.toString()).as(why).isEqualTo(expected.trim());
  }

  @org.junit.jupiter.api.Test
  void saysWhenTheEarliestPendingFileBecomesStable() {
    StabilityTracker tracker = new StabilityTracker(Duration.ofMillis(500));
    assertThat(tracker.nextStableAt(0)).isEqualTo(Long.MAX_VALUE);
    tracker.observe(Map.of("a", new FileState(1, 0)), 100);
    tracker.observe(Map.of("a", new FileState(1, 0), "b", new FileState(5, 0)), 300);
    assertThat(tracker.nextStableAt(300)).as("a, seen unchanged since 100").isEqualTo(600);
    assertThat(tracker.nextStableAt(600)).as("a is stable now; b next").isEqualTo(800);
    tracker.observe(Map.of("a", new FileState(1, 0), "b", new FileState(5, 0)), 800);
    assertThat(tracker.nextStableAt(800))
        .as("both stable: nothing pending")
        .isEqualTo(Long.MAX_VALUE);
  }
}
