package io.tideway.runtime.thread;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of a service's own executors: named, so that thread dumps and profiles say whose work
 * they do, and daemon, so that a forgotten executor never keeps a stopping service alive.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads that all carry {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
