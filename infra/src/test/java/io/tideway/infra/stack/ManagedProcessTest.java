package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

  @TempDir Path home;

  /**
   * A child JVM that runs until stopped: the JDK's own jshell-free "sleep" via a main class here.
   */
  private ManagedProcess sleeper(Layout layout) {
    return new ManagedProcess(
        new ProcessSpec(
            "sleeper",
            Sleeper.class.getName(),
            System.getProperty("java.class.path"),
            "64m",
            List.of(),
            Map.of(),
            null),
        layout);
  }

  @Test
  void writesPidFileAndRefusesASecondInstanceWhileTheFirstLives() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    ManagedProcess first = sleeper(layout);
    first.start();
    try {
      assertThat(Files.readString(layout.pidFile("sleeper")).trim())
          .isEqualTo(Long.toString(first.pid()));
      assertThatThrownBy(() -> sleeper(layout).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running as PID " + first.pid());
    } finally {
      first.stop(5);
    }
    assertThat(first.isAlive()).isFalse();
    assertThat(layout.pidFile("sleeper")).doesNotExist();
  }

  @Test
  void restartStartsANewProcessAfterADeath() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    ManagedProcess p = sleeper(layout);
    p.start();
    long before = p.pid();
    ProcessHandle.of(before).ifPresent(ProcessHandle::destroyForcibly);
    ProcessHandle.of(before).ifPresent(h -> h.onExit().join());
    assertThat(p.isAlive()).isFalse();
    assertThat(p.restart()).isEqualTo(1);
    try {
      assertThat(p.isAlive()).isTrue();
      assertThat(p.pid()).isNotEqualTo(before);
    } finally {
      p.stop(5);
    }
  }

  /**
   * A Ctrl-C goes to the terminal's foreground process group: a child that shared the launcher's
   * group would get it too and die before the launcher's ordered shutdown could stop it.
   */
  @Test
  void aChildRunsInASessionOfItsOwnUnderItsOwnPid() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(ManagedProcess.SETSID), "no setsid(1) here");
    Layout layout = new Layout(home, home.resolve(".tideway"));
    ManagedProcess p = sleeper(layout);
    p.start();
    try {
      List<Long> self = groupAndSession(ProcessHandle.current().pid());
      // setsid(2) has run once the child's session is its own PID; until then it may still be
      // setsid(1).
      List<Long> child =
          io.tideway.testkit.Poll.until(
              java.time.Duration.ofSeconds(30),
              "a session of its own",
              () -> groupAndSession(p.pid()),
              ids -> ids.get(1) == p.pid());
      assertThat(child.get(1))
          .as("session of the child")
          .isEqualTo(p.pid())
          .isNotEqualTo(self.get(1));
      assertThat(child.get(0))
          .as("process group of the child")
          .isEqualTo(p.pid())
          .isNotEqualTo(self.get(0));
      // No fork in between: the PID the stack records and signals is the JVM running the main class
      // (setsid(1) calls setsid(2), then execs java in place: poll past that moment).
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cmdline =
          io.tideway.testkit.Poll.until(
              java.time.Duration.ofSeconds(30),
              "java exec'd in place",
              () -> commandLine(p.pid()),
              c -> c.startsWith(javaBin));
      assertThat(cmdline).startsWith(javaBin).contains(Sleeper.class.getName());
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.stop(5);
    }
  }

  /** Process group and session of a process, from /proc/PID/stat (fields 5 and 6). */
  private static List<Long> groupAndSession(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return List.of(Long.parseLong(fields[2]), Long.parseLong(fields[3]));
  }

  /** Child process main: blocks until killed. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.currentThread().join();
    }
  }

  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
