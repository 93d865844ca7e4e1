package io.tideway.verifier;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A named thread that runs a task every period, or at once when nudged, while a gate is open. */
final class Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** A task step; returns true when it did work and should run again without waiting. */
  @FunctionalInterface
  interface Step {
    boolean run();
  }

  private final Object wake = new Object();
  private final Thread thread;
  private boolean nudged;
  private volatile boolean running = true;

  Worker(String name, Duration period, BooleanSupplier gate, Step step) {
    long periodMs = Math.max(50, period.toMillis());
    thread =
        new Thread(
            () -> {
              boolean again = false;
              while (running) {
                try {
                  if (!again) {
                    synchronized (wake) {
                      if (!nudged) {
                        wake.wait(periodMs);
                      }
                      nudged = false;
                    }
                  }
                  again = gate.getAsBoolean() && step.run();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (RuntimeException e) {
                  again = false;
                  LOG.error("{} failed; retrying next period", name, e);
                }
              }
            },
            name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void nudge() {
    synchronized (wake) {
      nudged = true;
      wake.notifyAll();
    }
  }

  boolean alive() {
    return thread.isAlive();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
