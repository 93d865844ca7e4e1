package io.tideway.verifier.lease;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which verifier instance is active: every instance joins one consumer group on the lease topic,
 * and the member assigned its partition 0 checks MongoDB and publishes; the others stand by,
 * keeping their ledger current from the topics. Kafka's group membership is the lock: a killed
 * active instance loses partition 0 when its session times out, and a standby gets it.
 *
 * <p>No record is ever read: assigned partitions are paused, polling only keeps the membership.
 */
public final class ActiveLease implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveLease.class);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final String topic;
  private final Runnable onGained;
  private volatile boolean active;
  private volatile boolean running = true;
  private volatile Consumer<byte[], byte[]> consumer;

  /**
   * @param consumers builds the group member (group id, session timeout are the caller's)
   * @param topic the lease topic; only its partition 0 matters
   * @param onGained called on the polling thread when this instance becomes active
   */
  public ActiveLease(
      Supplier<Consumer<byte[], byte[]>> consumers, String topic, Runnable onGained) {
    this.consumers = consumers;
    this.topic = topic;
    this.onGained = onGained;
  }

  /**
   * The settings of a lease group member: a session of {@code takeover} (at least 6 s, the broker's
   * minimum) bounds how long a silent holder keeps the lease; {@link LeaseAssignor} keeps it with
   * its holder and gives a vacant one to the longest-running member, never to a restarted one.
   */
  public static Map<String, Object> memberConfig(
      String bootstrap, String group, Duration takeover) {
    int sessionMs = (int) Math.max(6000, takeover.toMillis());
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG,
        group,
        ConsumerConfig.CLIENT_ID_CONFIG,
        "tideway-verifier-lease",
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        sessionMs,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        sessionMs / 3,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
        false,
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        LeaseAssignor.class.getName());
  }

  /** Whether this instance holds the lease now. */
  public boolean active() {
    return active;
  }

  @Override
  public void run() {
    while (running) {
      try (Consumer<byte[], byte[]> c = consumers.get()) {
        consumer = c;
        c.subscribe(List.of(topic), new Listener(c));
        while (running) {
          c.poll(Duration.ofSeconds(1));
        }
      } catch (WakeupException e) {
        // close() woke the poll: leave the group at once so a standby takes over without waiting.
      } catch (RuntimeException e) {
        lose("lease consumer failed: " + e);
        pause();
      } finally {
        consumer = null;
      }
    }
    lose("stopping");
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void lose(String why) {
    if (active) {
      active = false;
      LOG.info("verifier is standby now ({})", why);
    }
  }

  @Override
  public void close() {
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private final class Listener implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> c;

    Listener(Consumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(new TopicPartition(topic, 0))) {
        lose("lease partition revoked");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      c.pause(partitions);
      if (partitions.contains(new TopicPartition(topic, 0)) && !active) {
        active = true;
        LOG.info("verifier is active now (holds {}-0)", topic);
        onGained.run();
      }
    }
  }
}
