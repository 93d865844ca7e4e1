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
}
