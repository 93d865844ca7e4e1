package io.tideway.verifier.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
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
      ActiveLease lease = new ActiveLease(ActiveLeaseIT::member, Topics.VERIFIER_LEASE.name(PREFIX),
          gained::incrementAndGet);
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

      Poll.until(DEADLINE, "a standby active after the active one left", () -> activeCount(leases) == 1);
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

  private static Consumer<byte[], byte[]> member() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "lease-it",
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
