package io.tideway.infra.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the local stack, from the environment (12-factor): external Kafka/MongoDB replace the
 * embedded ones when {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGO_URI} are set.
 *
 * @param bindHost the address the services' HTTP ports listen on ({@code TIDEWAY_BIND_HOST},
 *     default {@code 127.0.0.1}: like Kafka and MongoDB, a local stack is not reachable from the
 *     network)
 * @param replicas how many processes of ingest, cleaner and loader run ({@code --replicas}, default
 *     1); above one, two verifiers run, one active and one standby ({@link ServiceInstance#of})
 */
public record StackSettings(
    String externalKafka,
    String externalMongo,
    int kafkaPort,
    int mongoPort,
    int httpPortBase,
    String bindHost,
    int partitions,
    String topicPrefix,
    Path inbox,
    int replicas) {

  /** The default of {@link #bindHost()}. */
  public static final String LOOPBACK = "127.0.0.1";

  public StackSettings {
    ServiceInstance.of(
        java.util.EnumSet.allOf(ServiceCatalog.class), replicas); // validates the count
  }

  /** Settings of a stack with one replica of each service. */
  public StackSettings(
      String externalKafka,
      String externalMongo,
      int kafkaPort,
      int mongoPort,
      int httpPortBase,
      String bindHost,
      int partitions,
      String topicPrefix,
      Path inbox) {
    this(
        externalKafka,
        externalMongo,
        kafkaPort,
        mongoPort,
        httpPortBase,
        bindHost,
        partitions,
        topicPrefix,
        inbox,
        1);
  }

  /** The same settings with {@code n} replicas. */
  public StackSettings withReplicas(int n) {
    return new StackSettings(
        externalKafka,
        externalMongo,
        kafkaPort,
        mongoPort,
        httpPortBase,
        bindHost,
        partitions,
        topicPrefix,
        inbox,
        n);
  }

  /** The service processes these settings start, replica 0 of each first. */
  public java.util.List<ServiceInstance> instances(java.util.Set<ServiceCatalog> services) {
    return ServiceInstance.of(services, replicas);
  }

  public static StackSettings fromEnvironment(Path inbox, Integer partitionsOverride) {
    return fromEnvironment(System.getenv(), inbox, partitionsOverride);
  }

  static StackSettings fromEnvironment(
      Map<String, String> env, Path inbox, Integer partitionsOverride) {
    int partitions =
        partitionsOverride != null
            ? partitionsOverride
            : Integer.parseInt(env.getOrDefault("TIDEWAY_PARTITIONS", "6"));
    String bindHost = blankToNull(env.get("TIDEWAY_BIND_HOST"));
    return new StackSettings(
        blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
        blankToNull(env.get("MONGO_URI")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_KAFKA_PORT", "9092")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_MONGO_PORT", "27017")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_HTTP_PORT", "8080")),
        bindHost == null ? LOOPBACK : bindHost,
        partitions,
        env.getOrDefault("TIDEWAY_TOPIC_PREFIX", "tideway."),
        inbox);
  }

  public String bootstrapServers() {
    return externalKafka != null ? externalKafka : "localhost:" + kafkaPort;
  }

  public String mongoUri() {
    return externalMongo != null ? externalMongo : "mongodb://localhost:" + mongoPort;
  }

  /** Base URL of the verifier's dashboard and API. */
  public String verifierUrl() {
    return "http://localhost:" + ServiceCatalog.VERIFIER.port(httpPortBase);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
