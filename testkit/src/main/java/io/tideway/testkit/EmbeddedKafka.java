package io.tideway.testkit;

import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker inside the test JVM, on an ephemeral port. Tests that run
 * in parallel each get their own broker.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Starts a combined broker+controller node and waits until it serves requests. */
  public static EmbeddedKafka start() {
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              // A single node cannot replicate internal topics (offsets, transaction state).
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("num.partitions", "6")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster);
    } catch (Exception e) {
      throw new IllegalStateException("embedded Kafka did not start", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Settings of a test producer on {@code bootstrap}, plus {@code extra}: acknowledged by all
   * replicas, idempotent, one request in flight. With more in flight, a first batch that is retried
   * can be overtaken. The broker then takes the later batch as the partition's first sequence and
   * refuses every retry of the earlier one with OUT_OF_ORDER_SEQUENCE_NUMBER. LoaderIT saw two
   * minutes of such retries under load, and a reordered raw topic rejects rows as header-less.
   */
  public static Map<String, Object> producerConfig(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return config;
  }

  /** An admin client on this broker; close it after use. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates every Tideway topic under {@code prefix} with {@code partitions} partitions. */
  public void createTopics(String prefix, int partitions) {
    try (Admin admin = admin()) {
      List<NewTopic> topics =
          Topics.ALL.stream()
              .map(t -> new NewTopic(t.name(prefix), partitions, (short) 1))
              .toList();
      admin.createTopics(topics).all().get();
      awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics", e);
    }
  }

  /**
   * Returns once every partition of {@code names} has a leader. A produce racing the creation meets
   * NOT_LEADER_OR_FOLLOWER, which lets a later batch overtake it (see {@link Delivery}).
   */
  private static void awaitLeaders(Admin admin, List<String> names) {
    Poll.until(
        java.time.Duration.ofSeconds(30),
        "a leader for every partition of " + names,
        () -> {
          try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
          } catch (Exception e) {
            return false;
          }
        });
  }

  /** Creates one topic. */
  public void createTopic(Topic<?> topic, String prefix, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic.name(prefix), partitions, (short) 1)))
          .all()
          .get();
      awaitLeaders(admin, List.of(topic.name(prefix)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic.name(prefix), e);
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("embedded Kafka did not stop cleanly", e);
    }
  }
}
