package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The services' ports and modules, as the README's port table and the build script state them. */
class ServiceCatalogTest {

  @Test
  void theVerifierListensOnTheBaseAndIngestCleanerLoaderOnTheNextThree() {
    record Case(ServiceCatalog service, int port) {}
    for (Case c :
        new Case[] {
          new Case(ServiceCatalog.VERIFIER, 8080),
          new Case(ServiceCatalog.INGEST, 8081),
          new Case(ServiceCatalog.CLEANER, 8082),
          new Case(ServiceCatalog.LOADER, 8083)
        }) {
      assertThat(c.service().port(8080)).as(c.service().name()).isEqualTo(c.port());
      assertThat(c.service().healthUrl(8080)).isEqualTo("http://localhost:" + c.port() + "/health");
    }
    assertThat(ServiceCatalog.LOADER.port(9000)).isEqualTo(9003);
  }

  @Test
  void theBuildCoversEveryServiceModuleAndTheLauncher() {
    assertThat(ServiceCatalog.modules())
        .containsAll(Arrays.stream(ServiceCatalog.values()).map(ServiceCatalog::module).toList())
        .contains("infra")
        .doesNotHaveDuplicates();
  }
}
