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

  @TempDir
  Path home;

  /** A child JVM that runs until stopped: the JDK's own jshell-free "sleep" via a main class here. */
  private ManagedProcess sleeper(Layout layout) {
    return new ManagedProcess(new ProcessSpec("sleeper", Sleeper.class.getName(),
        System.getProperty("java.class.path"), "64m", List.of(), Map.of(), null), layout);
  }

  @Test
  void writesPidFileAndRefusesASecondInstanceWhileTheFirstLives() throws Exception {
    Layout layout = new Layout(home, home.resolve(".tideway"));
    ManagedProcess first = sleeper(layout);
    first.start();
    try {
      assertThat(Files.readString(layout.pidFile("sleeper")).trim()).isEqualTo(Long.toString(first.pid()));
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

  /** Child process main: blocks until killed. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.currentThread().join();
    }
  }
}
