package io.tideway.infra.deploy;

import static io.tideway.infra.deploy.RepoFiles.list;
import static io.tideway.infra.deploy.RepoFiles.map;
import static io.tideway.infra.deploy.RepoFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service image recipe without Docker: pinned base images, a non-root final user, a HEALTHCHECK
 * that compose repeats verbatim, and every file it copies from the context exists and is not
 * excluded by .dockerignore.
 */
class DockerfileTest {

  /** One instruction, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  @Test
  void everyDockerfileUsesPinnedBaseImagesAndEndsAsANonRootUserWithAHealthCheck() throws Exception {
    List<Path> dockerfiles = dockerfiles();
    assertThat(dockerfiles).isNotEmpty();
    for (Path file : dockerfiles) {
      List<Instruction> instructions = parse(RepoFiles.read(file));
      Set<String> stages = new HashSet<>();
      List<Instruction> finalStage = new ArrayList<>();
      for (Instruction i : instructions) {
        if (i.keyword().equals("FROM")) {
          String[] parts = i.args().split("\\s+");
          String image = parts[0];
          if (!stages.contains(image)) {
            assertThat(DockerImages.isPinned(image))
                .as(file + ": FROM " + image + " is pinned")
                .isTrue();
          }
          if (parts.length >= 3 && parts[1].equalsIgnoreCase("AS")) {
            stages.add(parts[2]);
          }
          finalStage.clear();
        }
        finalStage.add(i);
      }
      List<String> users =
          finalStage.stream()
              .filter(i -> i.keyword().equals("USER"))
              .map(Instruction::args)
              .toList();
      assertThat(users).as(file + " final stage sets USER").isNotEmpty();
      String user = users.get(users.size() - 1).split(":")[0];
      assertThat(user).as(file + " final USER").isNotIn("root", "0");
      assertThat(finalStage.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList())
          .as(file + " HEALTHCHECK")
          .hasSize(1);
    }
  }

  @Test
  void theServiceImageTakesModuleAndMainClassAndComposeRepeatsItsHealthCheck() {
    List<Instruction> instructions = parse(RepoFiles.read(RepoFiles.file("Dockerfile")));
    List<String> args =
        instructions.stream()
            .filter(i -> i.keyword().equals("ARG"))
            .map(i -> i.args().split("=")[0])
            .toList();
    assertThat(args).contains("MODULE", "MAIN_CLASS", "PORT");

    String healthcheck =
        instructions.stream()
            .filter(i -> i.keyword().equals("HEALTHCHECK"))
            .findFirst()
            .orElseThrow()
            .args();
    String cmd = healthcheck.substring(healthcheck.indexOf("CMD") + 3).strip();
    Map<String, Object> compose = RepoFiles.yaml(RepoFiles.file("docker-compose.yml"));
    Object ingest = map(compose, "services").get("ingest-service");
    List<Object> composeTest = list(map(ingest, "healthcheck"), "test");
    assertThat(composeTest.get(0)).isEqualTo("CMD");
    String composeCmd =
        composeTest.subList(1, composeTest.size()).stream()
            .map(o -> "\"" + o + "\"")
            .reduce((a, b) -> a + ", " + b)
            .orElseThrow();
    assertThat(cmd).isEqualTo("[" + composeCmd + "]");
    assertThat(healthcheck).contains("HealthProbe").contains("/app/probe");

    String build =
        instructions.stream()
            .filter(i -> i.keyword().equals("RUN") && i.args().contains("mvn"))
            .findFirst()
            .orElseThrow()
            .args();
    assertThat(build)
        .contains("-pl \"${MODULE}\" -am")
        .contains("dependency:copy-dependencies")
        .contains("-DincludeScope=runtime")
        .contains("javac")
        .contains("infra/docker/health/HealthProbe.java");
    assertThat(RepoFiles.file("infra/docker/health/HealthProbe.java")).isRegularFile();

    Object buildSection = map(ingest, "build");
    assertThat(text(buildSection, "dockerfile")).isEqualTo("Dockerfile");
    assertThat(map(buildSection, "args").keySet()).isSubsetOf(args);
  }

  @Test
  void filesCopiedFromTheContextExistAndAreNotIgnored() {
    List<Instruction> instructions = parse(RepoFiles.read(RepoFiles.file("Dockerfile")));
    List<String> ignored =
        RepoFiles.read(RepoFiles.file(".dockerignore"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignored)
        .as(".dockerignore keeps build output and secrets out")
        .contains("**/target", ".env", ".git");
    for (Instruction i : instructions) {
      if (!i.keyword().equals("COPY") || i.args().startsWith("--from")) {
        continue;
      }
      String[] parts = i.args().split("\\s+");
      for (int k = 0; k < parts.length - 1; k++) {
        String source = parts[k];
        if (source.equals(".")) {
          continue;
        }
        assertThat(RepoFiles.file(source)).as("COPY " + source).exists();
        assertThat(ignored)
            .as(source + " must not be in .dockerignore")
            .doesNotContain(source, source.split("/")[0]);
      }
    }
    String entrypoint =
        instructions.stream()
            .filter(i -> i.keyword().equals("ENTRYPOINT"))
            .findFirst()
            .orElseThrow()
            .args();
    assertThat(entrypoint).contains("/app/entrypoint.sh");
  }

  /** The Dockerfiles of this repository: the root one and any under infra/docker/. */
  static List<Path> dockerfiles() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(RepoFiles.file("Dockerfile"));
    try (Stream<Path> walk = Files.walk(RepoFiles.file("infra/docker"))) {
      walk.filter(
              p ->
                  p.getFileName().toString().startsWith("Dockerfile")
                      || p.getFileName().toString().endsWith(".Dockerfile"))
          .forEach(files::add);
    }
    return files;
  }

  /** Instructions of a Dockerfile: comments dropped, backslash continuations joined. */
  static List<Instruction> parse(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("#") || (l.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      current.append(l);
      String joined = current.toString().strip().replaceAll("\\s+", " ");
      current.setLength(0);
      if (joined.isEmpty()) {
        continue;
      }
      int space = joined.indexOf(' ');
      out.add(
          new Instruction(joined.substring(0, space).toUpperCase(), joined.substring(space + 1)));
    }
    return out;
  }
}
