package io.tideway.infra.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose variable interpolation as far as the tests need it: finds every {@code ${VAR}}, {@code
 * ${VAR:-default}} and {@code ${VAR-default}} (not the escaped {@code $${...}}) and resolves a
 * value with the defaults, the way {@code docker compose} does when the variable is unset.
 */
final class ComposeVariables {

  /** A use of a variable: its name and its default (null when the use has none). */
  record Use(String name, String defaultValue) {}

  private static final Pattern USE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
  private static final Pattern BARE = Pattern.compile("(?<!\\$)\\$([A-Za-z_][A-Za-z0-9_]*)");

  private ComposeVariables() {}

  /** Every braced use in {@code text}, in order, with comment lines skipped. */
  static java.util.List<Use> uses(String text) {
    java.util.List<Use> uses = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      Matcher m = USE.matcher(line);
      while (m.find()) {
        String op = m.group(2);
        uses.add(new Use(m.group(1), op != null && op.endsWith("-") ? m.group(3) : null));
      }
    }
    return uses;
  }

  /**
   * Unbraced {@code $VAR} uses (compose would interpolate them too; the file escapes them as $$).
   */
  static java.util.List<String> bareUses(String text) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      Matcher m = BARE.matcher(line);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** {@code value} with every use replaced by its value in {@code env}, else its default. */
  static String resolve(String value, Map<String, String> env) {
    Matcher m = USE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String op = m.group(2);
      String set = env.get(name);
      String replacement;
      if (op == null) {
        replacement = set == null ? "" : set;
      } else if (op.equals(":-")) {
        replacement = set == null || set.isEmpty() ? m.group(3) : set;
      } else if (op.equals("-")) {
        replacement = set == null ? m.group(3) : set;
      } else {
        replacement = set == null ? "" : set;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().replace("$$", "$");
  }

  /** KEY=VALUE lines of a .env file (comments and blank lines skipped, no quote processing). */
  static Map<String, String> dotEnv(String text) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(".env line without KEY=VALUE: " + line);
      }
      env.put(l.substring(0, eq).strip(), l.substring(eq + 1));
    }
    return env;
  }
}
