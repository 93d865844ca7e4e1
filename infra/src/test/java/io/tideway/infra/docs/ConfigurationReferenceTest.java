package io.tideway.infra.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md documents every environment variable the services' configuration reads. */
class ConfigurationReferenceTest {

  private static final Path HOME = Path.of("").toAbsolutePath().getParent();
  private static final List<String> SERVICES =
      List.of("ingest-service", "cleaner-streams", "loader-service", "verifier-service");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

  @Test
  void everyEnvironmentVariableOfEveryServiceIsDocumented() throws IOException {
    String reference = Files.readString(HOME.resolve("docs/CONFIGURATION.md"));
    Set<String> undocumented = new TreeSet<>();
    int seen = 0;
    for (String service : SERVICES) {
      String yml =
          Files.readString(HOME.resolve(service).resolve("src/main/resources/application.yml"));
      Matcher m = PLACEHOLDER.matcher(yml);
      while (m.find()) {
        seen++;
        if (!reference.contains("`" + m.group(1) + "`")) {
          undocumented.add(service + ": " + m.group(1));
        }
      }
    }
    assertThat(seen).as("placeholders found in the services' application.yml").isGreaterThan(20);
    assertThat(undocumented).as("variables missing from docs/CONFIGURATION.md").isEmpty();
  }

  /**
   * The launcher reads its environment in StackSettings only; each variable it names is documented.
   */
  @Test
  void everyEnvironmentVariableOfTheLauncherIsDocumented() throws IOException {
    String reference = Files.readString(HOME.resolve("docs/CONFIGURATION.md"));
    String launcher = reference.substring(reference.indexOf("## The local stack"));
    String settings =
        Files.readString(
            HOME.resolve("infra/src/main/java/io/tideway/infra/stack/StackSettings.java"));
    Matcher m = Pattern.compile("\"((TIDEWAY|KAFKA|MONGO)_[A-Z0-9_]+)\"").matcher(settings);
    Set<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).contains("TIDEWAY_STATE_DIR", "TIDEWAY_MONGO_HEAP", "TIDEWAY_MAPPINGS_DIR");
    assertThat(named).allMatch(v -> launcher.contains("`" + v + "`"), "documented in " + launcher);
    for (String file : List.of("Stack.java", "Layout.java")) {
      assertThat(
              Files.readString(HOME.resolve("infra/src/main/java/io/tideway/infra/stack/" + file)))
          .as(file + " takes its settings from StackSettings")
          .doesNotContain("System.getenv");
    }
  }
}
