package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTest {

  @TempDir Path tmp;

  @Test
  void linksAreListedAsEntriesButNeverFollowed() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("theirs.csv"), "a\n1\n");
    Files.writeString(inbox.resolve("real.csv"), "a\n1\n");
    Files.createSymbolicLink(inbox.resolve("file-link.csv"), outside.resolve("theirs.csv"));
    Files.createSymbolicLink(inbox.resolve("retail-orders"), outside);
    Files.createDirectories(inbox.resolve("healthcare-admissions"));
    Files.createSymbolicLink(
        inbox.resolve("healthcare-admissions/inner-link.csv"), outside.resolve("theirs.csv"));

    var found = new InboxScanner(inbox, "default").scan();

    assertThat(found.values())
        .extracting(f -> inbox.relativize(f.path()).toString())
        .containsExactlyInAnyOrder(
            "file-link.csv", "healthcare-admissions/inner-link.csv", "real.csv", "retail-orders");
    assertThat(found.values())
        .filteredOn(f -> f.path().endsWith("retail-orders"))
        .singleElement()
        .extracting(InboxFile::mapping)
        .as("a linked folder is an entry of the inbox itself, not a mapping")
        .isEqualTo("default");
    assertThat(new InboxScanner(inbox, "default").mappingFolders())
        .containsExactly(inbox.resolve("healthcare-admissions"));
  }

  @Test
  void aFileWrittenElsewhereAndMovedInIsStableAtFirstSightOneWrittenInPlaceIsNot()
      throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path folder = Files.createDirectories(inbox.resolve("healthcare-admissions"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    long now = System.currentTimeMillis();
    for (Path dir : new Path[] {inbox, folder}) {
      Path written = Files.writeString(outside.resolve("ready.csv"), "a\n1\n");
      // Written two seconds ago, then moved in: the move is the folder's latest change.
      Files.setLastModifiedTime(written, FileTime.fromMillis(now - 2_000));
      Files.move(written, dir.resolve("ready.csv"));
    }
    Files.writeString(inbox.resolve("in-place.csv"), "a\n1\n");
    Files.writeString(folder.resolve("in-place.csv"), "a\n1\n");
    Map<String, FileState> states = new HashMap<>();
    new InboxScanner(inbox, "default").scan().forEach((k, f) -> states.put(k, f.state()));

    List<String> stable =
        new StabilityTracker(Duration.ofMillis(500)).observe(states, System.currentTimeMillis());

    assertThat(stable)
        .containsExactlyInAnyOrder(
            inbox.resolve("ready.csv").toString(), folder.resolve("ready.csv").toString());
  }
}
