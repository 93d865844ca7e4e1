package io.tideway.verifier.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exactly one verifier instance is active, and a standby takes over when it leaves. */
class ActiveLeaseIT {

  private static final String PREFIX = "lease-it.";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(Topics.VERIFIER_LEASE, PREFIX, 3);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void oneOfThreeInstancesIsActiveAndAStandbyTakesOverWhenItLeaves() throws Exception {
    AtomicInteger gained = new AtomicInteger();
    List<ActiveLease> leases = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ActiveLease lease =
          new ActiveLease(
              ActiveLeaseIT::member, Topics.VERIFIER_LEASE.name(PREFIX), gained::incrementAndGet);
      Thread t = new Thread(lease, "lease-" + i);
      t.start();
      leases.add(lease);
      threads.add(t);
    }
    try {
      Poll.until(DEADLINE, "one instance active", () -> activeCount(leases) == 1);
      ActiveLease first = leases.stream().filter(ActiveLease::active).findFirst().orElseThrow();
      int gainsBefore = gained.get();

      first.close();
      threads.get(leases.indexOf(first)).join(DEADLINE.toMillis());
      leases.remove(first);

      Poll.until(
          DEADLINE, "a standby active after the active one left", () -> activeCount(leases) == 1);
      assertThat(first.active()).isFalse();
      assertThat(gained.get()).isGreaterThan(gainsBefore);
    } finally {
      leases.forEach(ActiveLease::close);
      for (Thread t : threads) {
        t.join(DEADLINE.toMillis());
      }
    }
  }

  private static long activeCount(List<ActiveLease> leases) {
    return leases.stream().filter(ActiveLease::active).count();
  }

  /** A member as the verifier builds it (its assignor, session), with a 6 s takeover. */
  private static Consumer<byte[], byte[]> member() {
    return new KafkaConsumer<>(
        ActiveLease.memberConfig(kafka.bootstrapServers(), "lease-it", Duration.ofSeconds(6)),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
