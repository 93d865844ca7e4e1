package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalPortsTest {

  @Test
  void rangesLieOutsideTheEphemeralRangeAndCanBeBound() throws Exception {
    int[] ephemeral = LocalPorts.ephemeralRange();
    for (int i = 0; i < 50; i++) {
      int first = LocalPorts.freeRange(4);
      assertThat(first).isGreaterThanOrEqualTo(LocalPorts.LOWEST);
      assertThat(first + 3 < ephemeral[0] || first > ephemeral[1])
          .as("%d..%d against ephemeral %d-%d", first, first + 3, ephemeral[0], ephemeral[1])
          .isTrue();
      assertThat(LocalPorts.rangeFree(first, 4)).isTrue();
    }
  }

  @Test
  void aPortSomeoneListensOnIsNotFree() throws Exception {
    int port = LocalPorts.free();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(LocalPorts.rangeFree(port, 1)).isFalse();
      assertThat(LocalPorts.rangeFree(port - 1, 2)).isFalse();
    }
    assertThat(LocalPorts.rangeFree(port, 1)).isTrue();
  }

  @Test
  void rangesPastTheLastPortAreNeverFree() {
    assertThat(LocalPorts.rangeFree(65_535, 2)).isFalse();
  }
}
