package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

  @Test
  void namesAndPortsOfReplicas() {
    record Case(ServiceCatalog service, int replica, String name, int port) {}
    for (Case c :
        List.of(
            new Case(ServiceCatalog.VERIFIER, 0, "verifier-service", 8080),
            new Case(ServiceCatalog.INGEST, 0, "ingest-service", 8081),
            new Case(ServiceCatalog.CLEANER, 0, "cleaner-streams", 8082),
            new Case(ServiceCatalog.LOADER, 0, "loader-service", 8083),
            new Case(ServiceCatalog.VERIFIER, 1, "verifier-service-1", 8180),
            new Case(ServiceCatalog.INGEST, 1, "ingest-service-1", 8181),
            new Case(ServiceCatalog.CLEANER, 2, "cleaner-streams-2", 8282),
            new Case(ServiceCatalog.LOADER, 8, "loader-service-8", 8883))) {
      ServiceInstance i = new ServiceInstance(c.service(), c.replica());
      assertThat(i.name()).as(c.toString()).isEqualTo(c.name());
      assertThat(i.port(8080)).as(c.toString()).isEqualTo(c.port());
      assertThat(i.healthUrl(8080))
          .as(c.toString())
          .isEqualTo("http://localhost:" + c.port() + "/health");
    }
  }

  @Test
  void oneReplicaIsOneOfEachAndMoreAddAStandbyVerifierOnly() {
    EnumSet<ServiceCatalog> all = EnumSet.allOf(ServiceCatalog.class);
    assertThat(ServiceInstance.of(all, 1))
        .extracting(ServiceInstance::name)
        .containsExactly("verifier-service", "ingest-service", "cleaner-streams", "loader-service");
    assertThat(ServiceInstance.of(all, 3))
        .extracting(ServiceInstance::name)
        .containsExactly(
            "verifier-service",
            "verifier-service-1",
            "ingest-service",
            "ingest-service-1",
            "ingest-service-2",
            "cleaner-streams",
            "cleaner-streams-1",
            "cleaner-streams-2",
            "loader-service",
            "loader-service-1",
            "loader-service-2");
    assertThat(ServiceInstance.of(EnumSet.of(ServiceCatalog.INGEST, ServiceCatalog.CLEANER), 2))
        .extracting(ServiceInstance::name)
        .containsExactly(
            "ingest-service", "ingest-service-1", "cleaner-streams", "cleaner-streams-1");
  }

  @Test
  void aReplicaCountOutsideOneToNineIsRefused() {
    EnumSet<ServiceCatalog> all = EnumSet.allOf(ServiceCatalog.class);
    assertThatThrownBy(() -> ServiceInstance.of(all, 0)).hasMessageContaining("between 1 and 9");
    assertThatThrownBy(() -> ServiceInstance.of(all, 10)).hasMessageContaining("between 1 and 9");
    assertThat(ServiceInstance.of(all, 9)).hasSize(2 + 3 * 9);
  }
}
