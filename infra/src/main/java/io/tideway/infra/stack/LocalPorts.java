package io.tideway.infra.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for an isolated stack, taken below the kernel's ephemeral range. A port the
 * kernel hands out for {@code bind(0)} lies inside that range, where any outgoing connection (a
 * Kafka client starting beside it) may take it as its source port before the service binds it: a
 * chaos trial's ingest once failed with "Address already in use" that way.
 */
public final class LocalPorts {

  /** The lowest port handed out; below it sit the well-known and registered services. */
  static final int LOWEST = 10_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range, for when /proc does not say. */
  private static final int[] DEFAULT_RANGE = {32_768, 60_999};

  private LocalPorts() {}

  /** The first of {@code n} consecutive ports that are free now and outside the ephemeral range. */
  public static int freeRange(int n) {
    int[] ephemeral = ephemeralRange();
    int below = ephemeral[0] - LOWEST - n; // candidates LOWEST .. ephemeral[0] - n
    int above = 65_535 - ephemeral[1] - n; // candidates ephemeral[1] + 1 .. 65535 - n + 1
    for (int attempt = 0; attempt < 200; attempt++) {
      int pick = ThreadLocalRandom.current().nextInt(Math.max(1, below) + Math.max(0, above));
      int first = pick < below ? LOWEST + pick : ephemeral[1] + 1 + (pick - Math.max(0, below));
      if (rangeFree(first, n)) {
        return first;
      }
    }
    throw new IllegalStateException(
        "no "
            + n
            + " consecutive free ports outside the ephemeral range "
            + ephemeral[0]
            + "-"
            + ephemeral[1]);
  }

  /** One free port outside the ephemeral range. */
  public static int free() {
    return freeRange(1);
  }

  /** Whether {@code n} ports from {@code first} can be bound on the loopback address now. */
  public static boolean rangeFree(int first, int n) {
    if (first < 1 || first + n - 1 > 65_535) {
      return false;
    }
    for (int p = first; p < first + n; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        // bound and released: free now
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The kernel's ephemeral port range, {low, high}. */
  static int[] ephemeralRange() {
    try {
      String[] parts = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (IOException | RuntimeException e) {
      return DEFAULT_RANGE.clone();
    }
  }
}
