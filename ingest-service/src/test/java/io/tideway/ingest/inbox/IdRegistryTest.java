package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reservation per id, whoever asks and however many ask at once. */
class IdRegistryTest {

  @TempDir Path tmp;

  @Test
  void anIdIsReservedOnceAcrossRegistriesOnOneDirectory() throws Exception {
    IdRegistry a = new IdRegistry(tmp.resolve("ids"));
    IdRegistry b = new IdRegistry(tmp.resolve("ids"));
    assertThat(a.reserve("abc")).isTrue();
    assertThat(b.reserve("abc")).isFalse();
    assertThat(b.reserve("abc-2")).isTrue();
    assertThat(a.reserve("abc-2")).isFalse();
  }

  @Test
  void concurrentIdentificationsOfOneFileEndWithDistinctIds() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    List<Thread> replicas =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    new Thread(
                        () -> {
                          try {
                            IdRegistry registry = new IdRegistry(tmp.resolve("ids"));
                            go.await();
                            ids.add(FileIds.uniqueId("abc", c -> !registry.reserve(c)));
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        }))
            .toList();
    replicas.forEach(Thread::start);
    go.countDown();
    for (Thread t : replicas) {
      t.join();
    }
    assertThat(ids)
        .containsExactlyInAnyOrder(
            "abc", "abc-2", "abc-3", "abc-4", "abc-5", "abc-6", "abc-7", "abc-8");
  }

  @Test
  void somethingThatIsNoFileIdIsRefused() throws Exception {
    IdRegistry registry = new IdRegistry(tmp.resolve("ids"));
    assertThatThrownBy(() -> registry.reserve("../escape"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.reserve("")).isInstanceOf(IllegalArgumentException.class);
  }
}
