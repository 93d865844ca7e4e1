package io.tideway.infra.cli;

import io.tideway.infra.stack.LocalPorts;

/**
 * Free local ports for an isolated stack: Kafka needs its port and the next (controller), the
 * services a base with the next three free; MongoDB's is only reserved (never started by a check).
 */
record FreePorts(int kafka, int mongo, int httpBase) {

  static FreePorts find() {
    int kafka = LocalPorts.freeRange(2);
    int base;
    do {
      base = LocalPorts.freeRange(4);
    } while (overlaps(base, 4, kafka, 2));
    int mongo;
    do {
      mongo = LocalPorts.free();
    } while (overlaps(mongo, 1, kafka, 2) || overlaps(mongo, 1, base, 4));
    return new FreePorts(kafka, mongo, base);
  }

  private static boolean overlaps(int a, int aLen, int b, int bLen) {
    return a < b + bLen && b < a + aLen;
  }
}
