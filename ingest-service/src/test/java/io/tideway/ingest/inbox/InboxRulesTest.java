package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxRulesTest {

  @TempDir Path inbox;

  @Test
  void dotfilesAndPartialUploadsAreIgnored() {
    assertThat(InboxRules.isCandidate("admissions.csv")).isTrue();
    assertThat(InboxRules.isCandidate("admissions.csv.gz")).isTrue();
    assertThat(InboxRules.isCandidate(".admissions.csv")).isFalse();
    assertThat(InboxRules.isCandidate("admissions.csv.tmp")).isFalse();
    assertThat(InboxRules.isCandidate("admissions.csv.part")).isFalse();
  }

  @Test
  void fileIsStableOnlyAfterSizeAndMtimeHeldForTheWholeTime() {
    StabilityTracker t = new StabilityTracker(Duration.ofMillis(500));
    FileState a = new FileState(10, 1000);
    assertThat(t.observe(Map.of("f", a), 0)).isEmpty();
    assertThat(t.observe(Map.of("f", a), 499)).isEmpty();
    assertThat(t.observe(Map.of("f", a), 500)).containsExactly("f");
  }

  @Test
  void growingFileRestartsTheClock() {
    StabilityTracker t = new StabilityTracker(Duration.ofMillis(500));
    t.observe(Map.of("f", new FileState(10, 1000)), 0);
    assertThat(t.observe(Map.of("f", new FileState(20, 1000)), 400)).isEmpty();
    assertThat(t.observe(Map.of("f", new FileState(20, 1000)), 800)).isEmpty();
    assertThat(t.observe(Map.of("f", new FileState(20, 2000)), 950)).isEmpty();
    assertThat(t.observe(Map.of("f", new FileState(20, 2000)), 1450)).containsExactly("f");
  }

  @Test
  void vanishedFileIsForgotten() {
    StabilityTracker t = new StabilityTracker(Duration.ofMillis(100));
    t.observe(Map.of("f", new FileState(1, 1)), 0);
    t.observe(Map.of(), 50);
    assertThat(t.observe(Map.of("f", new FileState(1, 1)), 120)).isEmpty();
  }

  @Test
  void scannerMapsFoldersToMappingsAndSkipsIgnoredNames() throws Exception {
    Files.writeString(inbox.resolve("root.csv"), "x");
    Files.writeString(inbox.resolve(".hidden.csv"), "x");
    Files.writeString(inbox.resolve("upload.csv.part"), "x");
    Files.createDirectories(inbox.resolve("other-mapping"));
    Files.writeString(inbox.resolve("other-mapping/inner.csv"), "x");
    Files.writeString(inbox.resolve("other-mapping/inner.tmp"), "x");
    Files.createDirectories(inbox.resolve(".private"));
    Files.writeString(inbox.resolve(".private/secret.csv"), "x");
    Files.createDirectories(inbox.resolve("other-mapping/deeper"));
    Files.writeString(inbox.resolve("other-mapping/deeper/too-deep.csv"), "x");

    Map<String, InboxFile> found = new InboxScanner(inbox, "default-map").scan();

    List<String> summary =
        found.values().stream()
            .map(f -> inbox.relativize(f.path()) + "=" + f.mapping())
            .sorted()
            .toList();
    assertThat(summary)
        .containsExactly("other-mapping/inner.csv=other-mapping", "root.csv=default-map");
  }
}
