package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.infra.stack.Layout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherPidTest {

  @TempDir Path home;
  private Process launcher;

  @AfterEach
  void kill() {
    if (launcher != null) {
      launcher.destroyForcibly();
    }
  }

  private Layout layout() {
    return new Layout(home, home.resolve(".tideway"));
  }

  /**
   * Stands in for a running {@code ./pipeline up}: a live process whose PID is in the launcher
   * file.
   */
  private Path fakeLauncher(String command) throws Exception {
    launcher = new ProcessBuilder("sleep", "300").start();
    Path file = layout().pidFile("pipeline-" + command);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Long.toString(launcher.pid()));
    return file;
  }

  @Test
  void downStopsARunningLauncherAndWaitsForItBeforeTheChildren() throws Exception {
    Path file = fakeLauncher("up");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int stopped = LauncherPid.stopAll(layout(), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(stopped).isEqualTo(1);
    // stopAll returns only once the launcher has exited, so no watchdog can restart a child after
    // it.
    assertThat(launcher.isAlive()).isFalse();
    assertThat(file).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("stopping pipeline-up.pid (PID " + launcher.pid());
  }

  @Test
  void aSecondLauncherOfTheSameCommandIsRefusedWhileTheFirstRuns() throws Exception {
    fakeLauncher("check");
    assertThatThrownBy(() -> LauncherPid.claim(layout(), "check"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("./pipeline check is already running as PID " + launcher.pid());
    launcher.destroy();
    launcher.waitFor(10, TimeUnit.SECONDS);
    LauncherPid.claim(layout(), "check"); // a stale file of a dead launcher is taken over
    assertThat(Files.readString(layout().pidFile("pipeline-check")).trim())
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(LauncherPid.stopAll(layout(), new PrintStream(new ByteArrayOutputStream())))
        .isZero();
  }
}
