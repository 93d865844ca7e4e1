package io.tideway.verifier.lease;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * Who holds the lease partition ({@code <lease topic>-0}): its holder as long as it stays in the
 * group; when it left (or died and its session expired), the member whose JVM has run longest. So a
 * killed active verifier that the watchdog restarts within the session timeout never wins the lease
 * back from the standby that was waiting for it: the standby takes over, the restarted one stands
 * by. No other partition is handed out; only partition 0 means anything.
 */
public final class LeaseAssignor implements ConsumerPartitionAssignor {

  /** The protocol name members announce. */
  public static final String NAME = "tideway-lease";

  /** When this JVM started, in ms: what makes a member senior. */
  private static final long STARTED_AT = ManagementFactory.getRuntimeMXBean().getStartTime();

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return ByteBuffer.allocate(Long.BYTES).putLong(0, STARTED_AT);
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
    return new GroupAssignment(assign(groupSubscription.groupSubscription()));
  }

  /**
   * The assignment of a group whose members subscribe as {@code members} (member id to
   * subscription).
   */
  static Map<String, Assignment> assign(Map<String, Subscription> members) {
    Map<String, Assignment> out = new HashMap<>();
    if (members.isEmpty()) {
      return out;
    }
    String topic = members.values().iterator().next().topics().get(0);
    TopicPartition lease = new TopicPartition(topic, 0);
    String holder =
        members.entrySet().stream()
            .filter(e -> e.getValue().ownedPartitions().contains(lease))
            .map(Map.Entry::getKey)
            .min(Comparator.naturalOrder())
            .orElseGet(
                () ->
                    members.entrySet().stream()
                        .min(
                            Comparator.<Map.Entry<String, Subscription>>comparingLong(
                                    e -> startedAt(e.getValue()))
                                .thenComparing(Map.Entry::getKey))
                        .orElseThrow()
                        .getKey());
    members
        .keySet()
        .forEach(m -> out.put(m, new Assignment(m.equals(holder) ? List.of(lease) : List.of())));
    return out;
  }

  private static long startedAt(Subscription s) {
    ByteBuffer data = s.userData();
    // A member without the start time (another assignor's data) counts as the youngest.
    return data != null && data.remaining() >= Long.BYTES
        ? data.getLong(data.position())
        : Long.MAX_VALUE;
  }

  @Override
  public List<RebalanceProtocol> supportedProtocols() {
    // Cooperative: the holder keeps the lease through a rebalance instead of losing and regaining
    // it.
    return List.of(RebalanceProtocol.COOPERATIVE);
  }

  @Override
  public String name() {
    return NAME;
  }
}
