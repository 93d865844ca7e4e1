package io.tideway.runtime.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void everyThreadIsADaemonWithTheGivenName() {
    ThreadFactory factory = DaemonThreads.named("tideway-test");
    for (int i = 0; i < 2; i++) {
      Thread t = factory.newThread(() -> {});
      assertThat(t.getName()).isEqualTo("tideway-test");
      assertThat(t.isDaemon()).isTrue();
    }
  }
}
