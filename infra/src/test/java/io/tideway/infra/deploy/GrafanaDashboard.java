package io.tideway.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of a provisioned Grafana dashboard JSON file. */
public final class GrafanaDashboard {

  private GrafanaDashboard() {}

  /**
   * The file parses, has a uid and title, and every panel queries the provisioned datasource with a
   * non-empty PromQL expression; panel ids are unique and panels sit inside the 24-column grid.
   */
  static void check(Path file, String datasourceUid) throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
    assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank();
    assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
    JsonNode panels = dashboard.path("panels");
    assertThat(panels.isArray() && !panels.isEmpty()).as(file + " has panels").isTrue();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      String title = file.getFileName() + " / " + panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as(title + " id unique").isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as(title + " grid")
          .isBetween(1, 24);
      if (panel.path("type").asText().equals("row") || panel.path("type").asText().equals("text")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title + " datasource")
          .isEqualTo(datasourceUid);
      JsonNode targets = panel.path("targets");
      assertThat(targets.isArray() && !targets.isEmpty()).as(title + " targets").isTrue();
      for (JsonNode target : targets) {
        String expr = target.path("expr").asText();
        assertThat(expr).as(title + " expr").isNotBlank();
        assertThat(balanced(expr)).as(title + " brackets in " + expr).isTrue();
      }
    }
  }

  /**
   * The metric names the dashboard's queries read: identifiers with a Tideway, Kafka or JVM prefix.
   * Prometheus' own {@code up} is left out; it is not served by the services.
   */
  public static Set<String> metricNames(Path file) throws IOException {
    Set<String> names = new java.util.TreeSet<>();
    Pattern metric = Pattern.compile("\\b(?:tideway|kafka|jvm)_[a-z0-9_]+");
    for (JsonNode panel : new ObjectMapper().readTree(file.toFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = metric.matcher(target.path("expr").asText());
        while (m.find()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  /** Parentheses, brackets and braces close in order (a cheap PromQL sanity check). */
  static boolean balanced(String expr) {
    StringBuilder stack = new StringBuilder();
    boolean quoted = false;
    for (char c : expr.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (quoted) {
        continue;
      }
      switch (c) {
        case '(' -> stack.append(')');
        case '[' -> stack.append(']');
        case '{' -> stack.append('}');
        case ')', ']', '}' -> {
          if (stack.isEmpty() || stack.charAt(stack.length() - 1) != c) {
            return false;
          }
          stack.setLength(stack.length() - 1);
        }
        default -> {}
      }
    }
    return stack.isEmpty() && !quoted;
  }
}
