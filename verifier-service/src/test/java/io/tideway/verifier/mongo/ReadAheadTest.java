package io.tideway.verifier.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full check's read-ahead hands over every document, in order, and any failure, then stops. */
class ReadAheadTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** 0..n-1, failing with {@code failure} after {@code failAt} items if given; knows if closed. */
  private static final class Source implements Iterator<Integer>, AutoCloseable {
    final int n;
    final int failAt;
    final RuntimeException failure;
    final AtomicInteger read = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicReference<Thread> openedOn = new AtomicReference<>();

    Source(int n, int failAt, RuntimeException failure) {
      this.n = n;
      this.failAt = failAt;
      this.failure = failure;
    }

    Source opened() {
      openedOn.set(Thread.currentThread());
      return this;
    }

    @Override
    public boolean hasNext() {
      if (read.get() == failAt) {
        throw failure;
      }
      return read.get() < n;
    }

    @Override
    public Integer next() {
      return read.getAndIncrement();
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static List<Integer> drain(Iterator<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyItemArrivesInOrderAcrossChunksAndTheSourceIsClosedOnItsThread() throws Exception {
    Source source = new Source(10_007, -1, null);
    List<Integer> got;
    try (ReadAhead<Integer> read = new ReadAhead<>(threads, source::opened, 100)) {
      got = drain(read);
      assertThat(read.hasNext()).isFalse();
    }
    assertThat(got).hasSize(10_007);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i)).isEqualTo(i);
    }
    assertThat(source.openedOn.get()).isNotEqualTo(Thread.currentThread());
    awaitClosed(source);
  }

  @Test
  void aFailureOfTheSourceReachesTheCallerAfterTheItemsReadBeforeIt() throws Exception {
    RuntimeException failure = new IllegalStateException("connection reset");
    Source source = new Source(1_000, 250, failure);
    List<Integer> got = new ArrayList<>();
    try (ReadAhead<Integer> read = new ReadAhead<>(threads, source::opened, 100)) {
      assertThatThrownBy(() -> read.forEachRemaining(got::add)).isSameAs(failure);
    }
    assertThat(got).hasSize(250).startsWith(0, 1, 2).endsWith(249);
    awaitClosed(source);
  }

  @Test
  void aCallerThatLeavesEarlyStopsTheReaderWhichClosesTheSource() throws Exception {
    Source source = new Source(1_000_000, -1, null);
    try (ReadAhead<Integer> read = new ReadAhead<>(threads, source::opened, 100)) {
      assertThat(read.next()).isZero();
    }
    awaitClosed(source);
    assertThat(source.read.get())
        .as("the reader holds at most a few chunks ahead of the caller")
        .isLessThanOrEqualTo(500);
  }

  private static void awaitClosed(Source source) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!source.closed.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(source.closed).isTrue();
  }
}
