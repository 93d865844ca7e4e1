package io.tideway.testkit.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the settings reference of docs/CONFIGURATION.md from the settings' one definition: the
 * {@code @ConfigurationProperties} classes and records (name, type and the Javadoc line, as
 * Micronaut's annotation processor records them in {@code META-INF/spring-configuration-metadata
 * .json}; the default, read from a fresh instance, or a record component's {@code @Bindable}) plus
 * the environment variable that an {@code application.yml} maps onto the name with {@code
 * ${ENV:default}}. A yml default that differs from the class's default is an error, so a default
 * lives in the class alone.
 */
public final class SettingsReference {

  /** One row of the reference. */
  public record Setting(String name, String type, String env, String defaultValue, String doc) {}

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final Pattern PLACEHOLDER =
      Pattern.compile("^(\\s*)([A-Za-z0-9.-]+):\\s*\\$\\{([A-Z][A-Z0-9_]*):(.*)}\\s*$");
  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9.-]+):\\s*(#.*)?$");

  private SettingsReference() {}

  /**
   * Every setting defined by a class accepted by {@code owner}, in declaration order, with the
   * environment variables the given {@code application.yml} files map onto them.
   */
  public static List<Setting> settings(List<Path> applicationYmls, Predicate<String> owner)
      throws IOException {
    Map<String, String[]> env = new LinkedHashMap<>();
    Map<String, String> conflicts = new LinkedHashMap<>();
    for (Path yml : applicationYmls) {
      environment(yml)
          .forEach(
              (name, mapping) -> {
                String[] before = env.putIfAbsent(name, mapping);
                if (before != null && !java.util.Arrays.equals(before, mapping)) {
                  conflicts.put(name, name + ": mapped differently in " + yml);
                }
              });
    }
    List<String> problems = new ArrayList<>();
    List<Setting> out = new ArrayList<>();
    for (JsonNode property : properties()) {
      String source = property.path("sourceType").asText();
      if (!owner.test(source)) {
        continue;
      }
      String name = property.path("name").asText();
      if (conflicts.containsKey(name)) {
        problems.add(conflicts.get(name));
      }
      Object javaDefault = defaultOf(source, name, property);
      String[] mapped = env.get(name);
      String shown = render(javaDefault);
      if (mapped != null && !sameValue(mapped[1], javaDefault)) {
        problems.add(
            name
                + ": application.yml default '"
                + mapped[1]
                + "' differs from "
                + simpleName(source)
                + "'s '"
                + shown
                + "' (keep the default in the class; write ${"
                + mapped[0]
                + ":"
                + shown
                + "})");
      }
      if (mapped != null && !mapped[1].isEmpty()) {
        shown = mapped[1];
      }
      out.add(
          new Setting(
              name,
              simpleType(property.path("type").asText()),
              mapped == null ? null : mapped[0],
              shown,
              doc(property.path("description").asText())));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("\n", problems));
    }
    return out;
  }

  /** The Markdown table of {@code settings}. */
  public static String table(Collection<Setting> settings) {
    StringBuilder md = new StringBuilder();
    md.append("| setting | environment variable | type | default | meaning |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (Setting s : settings) {
      md.append("| `")
          .append(s.name())
          .append("` | ")
          .append(s.env() == null ? "—" : "`" + s.env() + "`")
          .append(" | ")
          .append(s.type())
          .append(" | ")
          .append(s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue() + "`")
          .append(" | ")
          .append(s.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return md.toString();
  }

  /**
   * The text between {@code <!-- settings:ID -->} and {@code <!-- /settings:ID -->} in {@code
   * markdown}, or null when the markers are missing.
   */
  public static String section(String markdown, String id) {
    int start = markdown.indexOf(open(id));
    int end = markdown.indexOf(close(id));
    if (start < 0 || end < start) {
      return null;
    }
    return markdown.substring(start + open(id).length(), end).strip() + "\n";
  }

  /** {@code markdown} with section {@code id} replaced by {@code table}. */
  public static String withSection(String markdown, String id, String table) {
    int start = markdown.indexOf(open(id));
    int end = markdown.indexOf(close(id));
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no " + open(id) + " ... " + close(id) + " markers");
    }
    return markdown.substring(0, start + open(id).length())
        + "\n"
        + table
        + markdown.substring(end);
  }

  /**
   * The settings of the module whose tests run now (its {@code src/main/resources/application.yml})
   * defined by classes under {@code packagePrefix}.
   */
  public static List<Setting> ofThisModule(String packagePrefix) throws IOException {
    return settings(
        List.of(Path.of("src/main/resources/application.yml")),
        type -> type.startsWith(packagePrefix));
  }

  /** {@link #check} of the project's docs/CONFIGURATION.md, seen from a module's directory. */
  public static String checkReference(String id, Collection<Setting> settings) throws IOException {
    return check(
        Path.of("").toAbsolutePath().getParent().resolve("docs/CONFIGURATION.md"),
        id,
        table(settings));
  }

  /**
   * Checks section {@code id} of {@code reference} against {@code table}; with the system property
   * {@code tideway.docs.update=true} rewrites it instead. Returns the problem, or null.
   */
  public static String check(Path reference, String id, String table) throws IOException {
    String markdown = Files.readString(reference);
    String documented = section(markdown, id);
    if (table.equals(documented)) {
      return null;
    }
    if (Boolean.getBoolean("tideway.docs.update") && documented != null) {
      Files.writeString(reference, withSection(markdown, id, table));
      return null;
    }
    return reference.getFileName()
        + " section '"
        + id
        + "' is not what the settings classes define; regenerate it with"
        + " -Dtideway.docs.update=true (edit the Javadoc or default in the class, not the table)."
        + "\nexpected:\n"
        + table
        + "\ndocumented:\n"
        + documented;
  }

  private static String open(String id) {
    return "<!-- settings:" + id + " -->";
  }

  private static String close(String id) {
    return "<!-- /settings:" + id + " -->";
  }

  /** Property name to {ENV, default} for every {@code key: ${ENV:default}} line of the file. */
  static Map<String, String[]> environment(Path applicationYml) throws IOException {
    Map<String, String[]> env = new LinkedHashMap<>();
    List<String[]> path = new ArrayList<>(); // {indent, key}
    for (String line : Files.readAllLines(applicationYml)) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      Matcher p = PLACEHOLDER.matcher(line);
      Matcher k = KEY.matcher(line);
      Matcher m = p.matches() ? p : k.matches() ? k : null;
      if (m == null) {
        continue;
      }
      int indent = m.group(1).length();
      while (!path.isEmpty() && Integer.parseInt(path.get(path.size() - 1)[0]) >= indent) {
        path.remove(path.size() - 1);
      }
      if (m == p) {
        StringBuilder name = new StringBuilder();
        path.forEach(seg -> name.append(seg[1]).append('.'));
        String value = p.group(4).strip();
        if (value.startsWith("`") && value.endsWith("`") && value.length() > 1) {
          value = value.substring(1, value.length() - 1);
        }
        env.put(name.append(p.group(2)).toString(), new String[] {p.group(3), value});
      } else {
        path.add(new String[] {Integer.toString(indent), k.group(2)});
      }
    }
    return env;
  }

  private static List<JsonNode> properties() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Enumeration<URL> files = SettingsReference.class.getClassLoader().getResources(METADATA);
    while (files.hasMoreElements()) {
      try (InputStream in = files.nextElement().openStream()) {
        json.readTree(in).path("properties").forEach(all::add);
      }
    }
    // The processor lists a class's settings in declaration order, but the classes in the order
    // they were compiled, which an incremental build changes: the table goes by class name.
    all.sort(java.util.Comparator.comparing(p -> p.path("sourceType").asText()));
    return all;
  }

  private static Object defaultOf(String source, String name, JsonNode property) {
    if (property.has("defaultValue")) {
      // A record's setting: its default is the @Bindable one, which the processor records.
      String text = property.path("defaultValue").asText();
      return property.path("type").asText().equals(Duration.class.getName())
          ? duration(text)
          : text;
    }
    String last = name.substring(name.lastIndexOf('.') + 1);
    StringBuilder camel = new StringBuilder();
    for (String part : last.split("-")) {
      camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    try {
      Class<?> type = Class.forName(source);
      if (type.isRecord()) {
        return null; // a record component without @Bindable has no default
      }
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object instance = constructor.newInstance();
      for (String prefix : List.of("get", "is")) {
        try {
          Method getter = type.getMethod(prefix + camel);
          return getter.invoke(instance);
        } catch (NoSuchMethodException e) {
          // try the next accessor form
        }
      }
      throw new IllegalStateException(source + " has no getter for " + name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the default of " + name + ": " + e, e);
    }
  }

  private static boolean sameValue(String yml, Object javaDefault) {
    if (javaDefault == null) {
      return yml.isEmpty();
    }
    if (javaDefault instanceof Duration d) {
      return d.equals(duration(yml));
    }
    if (javaDefault instanceof Double x) {
      return !yml.isEmpty() && x.equals(Double.valueOf(yml));
    }
    return render(javaDefault).equals(yml);
  }

  /** The value as an operator writes it: durations in their largest exact unit. */
  static String render(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Duration d) {
      long ms = d.toMillis();
      if (ms == 0) {
        return "0s";
      }
      long[] units = {86_400_000, 3_600_000, 60_000, 1000, 1};
      String[] names = {"d", "h", "m", "s", "ms"};
      for (int i = 0; i < units.length; i++) {
        if (ms % units[i] == 0) {
          return ms / units[i] + names[i];
        }
      }
    }
    if (value instanceof Collection<?> c) {
      return String.join(", ", c.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /**
   * Micronaut's duration forms: {@code 200ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 30d}.
   */
  static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.strip());
    if (!m.matches()) {
      return text.isBlank() ? null : Duration.parse(text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static String doc(String javadoc) {
    return javadoc
        .replaceAll("\\{@code\\s+([^}]*)}", "`$1`")
        .replaceAll("\\{@link #?([^}]*)}", "`$1`")
        .replaceAll("\\s*\\(env\\s+[A-Z0-9_, ]+\\)", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private static String simpleType(String type) {
    String t = type.replaceAll("<.*>", "");
    return switch (t) {
      case "java.time.Duration" -> "duration";
      case "java.lang.String" -> "string";
      case "int", "long", "java.lang.Integer", "java.lang.Long" -> "integer";
      case "double", "java.lang.Double" -> "number";
      case "boolean", "java.lang.Boolean" -> "boolean";
      case "java.util.List" -> "list";
      default -> enumValues(t);
    };
  }

  /** An enum's constants as {@code A \| B}, any other type by its simple name. */
  private static String enumValues(String type) {
    try {
      Class<?> c = Class.forName(type);
      if (c.isEnum()) {
        return String.join(
            " \\| ", java.util.Arrays.stream(c.getEnumConstants()).map(String::valueOf).toList());
      }
    } catch (ClassNotFoundException e) {
      // not on the class path: show the name
    }
    return simpleName(type);
  }
}
