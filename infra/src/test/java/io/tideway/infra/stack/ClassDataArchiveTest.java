package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

  @TempDir Path tmp;

  private ProcessSpec spec(String name, Path... jars) {
    StringBuilder cp = new StringBuilder();
    for (Path j : jars) {
      cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(j);
    }
    return new ProcessSpec(name, "a.Main", cp.toString(), "64m", List.of(), Map.of(), null);
  }

  private Path jar(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  @Test
  void theFirstStartDumpsTheArchiveAndLaterStartsUseItOnceTheProcessStoppedByItself()
      throws IOException {
    ClassDataArchive cds = new ClassDataArchive(tmp.resolve("cds"), true);
    ProcessSpec s = spec("loader-service", jar("a.jar", "a"), jar("b.jar", "b"));
    List<String> first = cds.options(s);
    assertThat(first).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
    assertThat(ClassDataArchive.dumps(first)).isTrue(); // so its stop waits for the dump
    Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));

    Files.writeString(dump, "archive"); // what the JVM writes when it exits
    cds.exited(s, true);
    assertThat(dump).doesNotExist();
    assertThat(cds.options(s)).containsExactly("-XX:SharedArchiveFile=" + cds.archive(s));
    assertThat(ClassDataArchive.dumps(cds.options(s))).isFalse();
  }

  @Test
  void aProcessKilledWhileDumpingLeavesNoArchive() throws IOException {
    ClassDataArchive cds = new ClassDataArchive(tmp.resolve("cds"), true);
    ProcessSpec s = spec("cleaner-streams", jar("a.jar", "a"));
    Path dump = Path.of(cds.options(s).get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    Files.writeString(dump, "half");
    cds.exited(s, false);
    assertThat(dump).doesNotExist();
    assertThat(cds.archive(s)).doesNotExist();
    assertThat(cds.options(s)).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
  }

  @Test
  void aChangedJarSelectsANewArchiveAndTheStaleOneIsDeleted() throws IOException {
    ClassDataArchive cds = new ClassDataArchive(tmp.resolve("cds"), true);
    Path jar = jar("a.jar", "a");
    ProcessSpec s = spec("ingest-service", jar);
    ProcessSpec replica = spec("ingest-service-1", jar);
    Files.createDirectories(tmp.resolve("cds"));
    Files.writeString(cds.archive(s), "old");
    Files.writeString(cds.archive(replica), "replica's");
    Path old = cds.archive(s);
    Path replicas = cds.archive(replica);

    Files.writeString(jar, "rebuilt");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(cds.archive(s)).isNotEqualTo(old);
    assertThat(cds.options(s)).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
    assertThat(old).doesNotExist();
    assertThat(replicas).exists(); // another process's archive is left alone
  }

  @Test
  void offMeansNoOption() throws IOException {
    ClassDataArchive cds = new ClassDataArchive(tmp.resolve("cds"), false);
    ProcessSpec s = spec("verifier-service", jar("a.jar", "a"));
    assertThat(cds.options(s)).isEmpty();
    cds.exited(s, true);
    assertThat(tmp.resolve("cds")).doesNotExist();
  }
}
