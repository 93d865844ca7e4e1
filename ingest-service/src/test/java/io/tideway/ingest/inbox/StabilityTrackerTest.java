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

  /**
   * One file seen first at 1000 (local time) with the mtime given and its folder's mtime (file
   * system time), and seen again unchanged at 1200 and 1500. stable-for is 500 ms.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      written, then moved in 2 s later         | 5000 | 7000 | 1000 1200 1500
      moved in exactly stable-for after        | 5000 | 5500 | 1000 1200 1500
      moved in 100 ms after its last write     | 5000 | 5100 | 1500
      written in place after the folder changed | 7000 | 5000 | 1500
      folder time unknown                      | 5000 | 0    | 1500
      clocks far apart: only the file system's count | 99000 | 101000 | 1000 1200 1500
      """)
  void aFileQuietBeforeItsFolderChangedIsStableAtFirstSight(
      String why, long modified, long folderModified, String expected) {
    StabilityTracker tracker = new StabilityTracker(Duration.ofMillis(500));
    StringBuilder reported = new StringBuilder();
    for (long at : new long[] {1000, 1200, 1500}) {
      FileState state = new FileState(10, modified, folderModified);
      if (!tracker.observe(Map.of("f", state), at).isEmpty()) {
        reported.append(reported.isEmpty() ? "" : " ").append(at);
      }
    }
    assertThat(reported.toString()).as(why).isEqualTo(expected.trim());
  }

  @org.junit.jupiter.api.Test
  void anotherFileArrivingInTheFolderDoesNotRestartTheWait() {
    StabilityTracker tracker = new StabilityTracker(Duration.ofMillis(500));
    tracker.observe(Map.of("f", new FileState(10, 5000, 5000)), 1000);
    // b arrives: the folder's time moves, f is unchanged.
    List<String> stable =
        tracker.observe(
            Map.of("f", new FileState(10, 5000, 5300), "b", new FileState(3, 5300, 5300)), 1500);
    assertThat(stable).containsExactly("f");
  }
}
