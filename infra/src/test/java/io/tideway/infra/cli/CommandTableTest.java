package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.infra.deploy.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's command table and the launcher agree: the same commands, the same options. */
class CommandTableTest {

  /** A table row's first cell: {@code | `./pipeline run [FILE...] [--mapping NAME]` |}. */
  private static final Pattern ROW = Pattern.compile("^\\| `\\./pipeline ([^`]+)` \\|");

  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  /** Each README row's command (e.g. "mapping init") with the options it shows. */
  static Map<String, List<String>> readmeTable() throws IOException {
    Map<String, List<String>> table = new LinkedHashMap<>();
    boolean inCommands = false;
    for (String line : Files.readAllLines(RepoFiles.file("README.md"))) {
      if (line.startsWith("## ")) {
        inCommands = line.equals("## Commands");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (!inCommands || !m.find()) {
        continue;
      }
      String synopsis = m.group(1);
      List<String> words = new ArrayList<>();
      for (String w : synopsis.split(" ")) {
        if (!w.matches("[a-z]+")) {
          break;
        }
        words.add(w);
      }
      List<String> options = new ArrayList<>();
      Matcher o = OPTION.matcher(synopsis);
      while (o.find()) {
        options.add(o.group());
      }
      table.put(String.join(" ", words), options);
    }
    return table;
  }

  @Test
  void everyCommandIsInTheReadmeTableAndEveryRowIsACommand() throws IOException {
    assertThat(readmeTable().keySet())
        .containsExactlyInAnyOrderElementsOf(PipelineTest.commandPaths());
  }

  @Test
  void everyOptionTheReadmeShowsExistsOnItsCommand() throws IOException {
    CommandLine root = Pipeline.commandLine(System.out, System.err);
    readmeTable()
        .forEach(
            (path, options) -> {
              CommandLine cmd = root;
              for (String word : path.split(" ")) {
                cmd = cmd.getSubcommands().get(word);
              }
              for (String option : options) {
                assertThat(cmd.getCommandSpec().findOption(option))
                    .as("README shows %s %s", path, option)
                    .isNotNull();
              }
            });
  }
}
