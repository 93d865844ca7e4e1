package io.tideway.verifier.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeaseAssignorTest {

  private static final String TOPIC = "tideway.verifier-lease";
  private static final TopicPartition LEASE = new TopicPartition(TOPIC, 0);

  /** A member that started at {@code startedAt} (null: no start time) and owns the lease or not. */
  private record Member(String id, Long startedAt, boolean owns) {
    Subscription subscription() {
      ByteBuffer data = startedAt == null ? null : ByteBuffer.allocate(8).putLong(0, startedAt);
      return new Subscription(List.of(TOPIC), data, owns ? List.of(LEASE) : List.of());
    }
  }

  @Test
  void theHolderKeepsTheLeaseElseTheLongestRunningMemberGetsIt() {
    record Case(String why, List<Member> members, String holder) {}
    for (Case c :
        List.of(
            new Case(
                "first start",
                List.of(new Member("a", 200L, false), new Member("b", 100L, false)),
                "b"),
            new Case(
                "the holder stays, however young",
                List.of(new Member("a", 100L, false), new Member("b", 300L, true)),
                "b"),
            new Case(
                "the holder died; the standby, not the restarted one",
                List.of(new Member("standby", 100L, false), new Member("restarted", 900L, false)),
                "standby"),
            new Case(
                "same start: member id decides",
                List.of(new Member("y", 100L, false), new Member("x", 100L, false)),
                "x"),
            new Case(
                "no start time counts as youngest",
                List.of(new Member("old", null, false), new Member("new", 500L, false)),
                "new"),
            new Case("alone", List.of(new Member("only", 1L, false)), "only"))) {
      Map<String, Subscription> group = new LinkedHashMap<>();
      c.members().forEach(m -> group.put(m.id(), m.subscription()));

      Map<String, Assignment> assigned = LeaseAssignor.assign(group);

      assertThat(assigned).as(c.why()).containsOnlyKeys(group.keySet());
      assigned.forEach(
          (member, a) ->
              assertThat(a.partitions())
                  .as(c.why() + ": " + member)
                  .isEqualTo(member.equals(c.holder()) ? List.of(LEASE) : List.of()));
    }
  }
}
