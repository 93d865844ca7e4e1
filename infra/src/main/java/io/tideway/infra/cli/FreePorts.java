package io.tideway.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free local ports for an isolated stack: Kafka needs its port and the next (controller), the
 * services a base with the next three free; MongoDB's is only reserved (never started by a check).
 */
record FreePorts(int kafka, int mongo, int httpBase) {

  static FreePorts find() {
    int kafka = freeWithNext(1);
    int base;
    do {
      base = freeWithNext(3);
    } while (overlaps(base, 4, kafka, 2));
    int mongo;
    do {
      mongo = free();
    } while (overlaps(mongo, 1, kafka, 2) || overlaps(mongo, 1, base, 4));
    return new FreePorts(kafka, mongo, base);
  }

  private static boolean overlaps(int a, int aLen, int b, int bLen) {
    return a < b + bLen && b < a + aLen;
  }

  /** A free port whose {@code next} following ports are free too. */
  private static int freeWithNext(int next) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = free();
      boolean ok = p + next < 65536;
      for (int i = 1; ok && i <= next; i++) {
        ok = isFree(p + i);
      }
      if (ok) {
        return p;
      }
    }
    throw new IllegalStateException("no free port range of " + (next + 1) + " found");
  }

  private static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
