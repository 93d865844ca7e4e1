package io.tideway.infra.chaos;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals to one process by PID: kill -9, SIGSTOP and SIGCONT, as an operator's shell would send
 * them.
 */
public final class Signals {

  private Signals() {}

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  public static void kill9(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** SIGSTOP: the process keeps its sockets open and answers nothing. */
  public static void stop(long pid) throws IOException, InterruptedException {
    send("-STOP", pid);
  }

  /** SIGCONT: a stopped process resumes where it was. */
  public static void resume(long pid) throws IOException, InterruptedException {
    send("-CONT", pid);
  }

  private static void send(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill " + signal + " " + pid + " failed");
    }
  }
}
