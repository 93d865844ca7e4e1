package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
