package io.tideway.infra.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One process of a service in the local stack. Replica 0 keeps the service's own name, port and
 * directories, so a stack of one replica is what it always was; replica {@code i} is named {@code
 * <module>-i} and listens {@value #PORT_STEP}·i above replica 0 (8181 for ingest-service-1).
 */
public record ServiceInstance(ServiceCatalog service, int replica) {

  /** Distance between the ports of consecutive replicas. */
  public static final int PORT_STEP = 100;

  /**
   * Replicas a stack may run: the last one's ports end at base + 803 (8883), below Kafka's 9092.
   */
  public static final int MAX_REPLICAS = 9;

  /**
   * The verifier runs one active instance and, with replicas, one standby: more would only wait.
   */
  static final int MAX_VERIFIERS = 2;

  public ServiceInstance {
    if (replica < 0 || replica >= MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "replica " + replica + " outside 0.." + (MAX_REPLICAS - 1));
    }
  }

  /** PID file, log file and messages use this name. */
  public String name() {
    return replica == 0 ? service.module() : service.module() + "-" + replica;
  }

  public int port(int base) {
    return service.port(base) + PORT_STEP * replica;
  }

  public String url(int base) {
    return "http://localhost:" + port(base);
  }

  public String healthUrl(int base) {
    return url(base) + "/health";
  }

  /**
   * The processes of a stack with {@code replicas} replicas: that many of ingest, cleaner and
   * loader, and of the verifier one, or two (active and standby) when {@code replicas} is above
   * one.
   */
  public static List<ServiceInstance> of(Set<ServiceCatalog> services, int replicas) {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "--replicas must be between 1 and " + MAX_REPLICAS + ", got " + replicas);
    }
    List<ServiceInstance> all = new ArrayList<>();
    for (ServiceCatalog s : ServiceCatalog.values()) {
      if (services.contains(s)) {
        int n = s == ServiceCatalog.VERIFIER ? Math.min(replicas, MAX_VERIFIERS) : replicas;
        for (int i = 0; i < n; i++) {
          all.add(new ServiceInstance(s, i));
        }
      }
    }
    return all;
  }
}
