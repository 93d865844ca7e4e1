package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claimed file's source: the S3 sidecar's URI, else its path relative to the inbox. */
class WorkDirOriginTest {

  @TempDir Path tmp;

  @Test
  void aFileDroppedIntoTheInboxIsNamedByItsPathInTheInbox() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    WorkDir work = new WorkDir(tmp.resolve("work"));
    Path root = Files.writeString(inbox.resolve("a.csv"), "x\n");
    Path inFolder =
        Files.writeString(
            Files.createDirectories(inbox.resolve("healthcare-admissions")).resolve("b.csv"),
            "x\n");

    ClaimedFile a =
        work.claim(new InboxFile(root, InboxRules.BY_HEADER, new FileState(2, 0))).orElseThrow();
    ClaimedFile b =
        work.claim(new InboxFile(inFolder, "healthcare-admissions", new FileState(2, 0)))
            .orElseThrow();

    assertThat(work.takeOrigin(a)).isEqualTo("a.csv");
    assertThat(work.takeOrigin(b)).isEqualTo("healthcare-admissions/b.csv");
  }

  @Test
  void anS3ObjectIsNamedByItsUri() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    WorkDir work = new WorkDir(tmp.resolve("work"));
    Path file = Files.writeString(inbox.resolve("c.csv"), "x\n");
    Files.writeString(WorkDir.originOf(file), "s3://drops/in/c.csv\n");

    ClaimedFile c =
        work.claim(new InboxFile(file, InboxRules.BY_HEADER, new FileState(2, 0))).orElseThrow();

    assertThat(work.takeOrigin(c)).isEqualTo("s3://drops/in/c.csv");
  }
}
