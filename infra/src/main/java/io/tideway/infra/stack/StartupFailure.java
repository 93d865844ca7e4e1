package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason a process died during start-up, read from the end of its log: a bad mapping's {@code
 * file:line: problem}, a port in use, or the deepest cause of the failure, so the CLI can print it
 * instead of only "exited during start-up".
 */
public final class StartupFailure {

  private static final Pattern MAPPING = Pattern.compile("MappingException: (.+)$");
  private static final Pattern BIND =
      Pattern.compile("(?:BindException|Address already in use)(?:: ?(.*))?");
  private static final Pattern CAUSE = Pattern.compile("^Caused by: ([\\w.$]+)(?:: (.*))?$");
  private static final Pattern ERROR = Pattern.compile("\\bERROR\\b.*? - (.+)$");

  private StartupFailure() {}

  /** The reason in {@code log}'s last lines, or null when they name none. */
  public static String reason(List<String> lines) {
    String cause = null;
    String error = null;
    for (String line : lines) {
      Matcher m = MAPPING.matcher(line);
      if (m.find()) {
        return "mapping problem: " + m.group(1).strip();
      }
      if (BIND.matcher(line).find()) {
        return "a port it needs is in use ("
            + line.strip()
            + "): stop what listens there, or"
            + " move Tideway's ports (TIDEWAY_HTTP_PORT, TIDEWAY_KAFKA_PORT, TIDEWAY_MONGO_PORT)";
      }
      m = CAUSE.matcher(line.strip());
      if (m.matches()) {
        String type = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
        cause = m.group(2) == null ? type : type + ": " + m.group(2);
      }
      m = ERROR.matcher(line);
      if (m.find()) {
        error = m.group(1).strip();
      }
    }
    return cause != null ? cause : error;
  }

  /** "{what} exited during start-up: {reason} (log: {log})", the reason read from the log. */
  public static String describe(String what, Path log) {
    String reason = null;
    try {
      if (Files.exists(log)) {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        reason = reason(all.subList(Math.max(0, all.size() - 400), all.size()));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // the log path alone still helps
    }
    return what
        + " exited during start-up"
        + (reason == null ? "" : ": " + reason)
        + " (log: "
        + log
        + ")";
  }
}
