package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ManagedProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./pipeline down}: stops a running launcher and every process it started. */
@Command(
    name = "down",
    description = {
      "Stop a running up/run/check and every process it started, or what an interrupted one left"
          + " behind (PID files in .tideway/run/)."
    })
final class DownCommand implements Callable<Integer> {

  private static final PrintStream ERR = System.err;

  @Override
  public Integer call() throws IOException {
    Layout layout = Pipeline.layout();
    int stopped = LauncherPid.stopAll(layout, ERR);
    if (Files.isDirectory(layout.runDir())) {
      try (var pids = Files.list(layout.runDir())) {
        for (Path pidFile : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
          var owner = ManagedProcess.livePidFileOwner(pidFile);
          if (owner.isPresent()) {
            owner.get().destroy();
            ERR.printf("stopped %s (PID %d)%n", pidFile.getFileName(), owner.get().pid());
            stopped++;
          }
          Files.deleteIfExists(pidFile);
        }
      }
    }
    ERR.printf("%d process(es) stopped%n", stopped);
    return 0;
  }
}
