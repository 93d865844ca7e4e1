package io.tideway.infra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./pipeline build}: done by the {@code pipeline} script itself (Maven runs before any
 * Java); listed here so that help shows it.
 */
@Command(
    name = "build",
    description = {
      "Rebuild the jars (mvn install -DskipTests).",
      "Otherwise done automatically when sources are newer than the jars."
    })
final class BuildCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println(
        "pipeline: build is run by the ./pipeline script before Java starts; use ./pipeline build");
    return 0;
  }
}
