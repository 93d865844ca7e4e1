package io.tideway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tideway.contracts.mapping.MappingCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared beans: one mapping catalogue per service, built-ins plus the mappings folder. */
class RuntimeFactoryTest {

  @TempDir Path dir;

  private static String builtIn(String file) throws IOException {
    try (InputStream in =
        RuntimeFactoryTest.class.getClassLoader().getResourceAsStream("mappings/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private ApplicationContext context() {
    return ApplicationContext.run(
        Map.of("tideway.mappings-dir", dir.toString(), "tideway.mappings-feed", false));
  }

  @Test
  void theCatalogueHoldsTheBuiltInsAndTheFolderMappings() throws IOException {
    String clinic =
        builtIn("retail-orders.yaml").replaceFirst("(?m)^name: .*$", "name: clinic-orders");
    Files.writeString(dir.resolve("clinic-orders.yaml"), clinic);

    try (ApplicationContext ctx = context()) {
      MappingCatalog catalog = ctx.getBean(MappingCatalog.class);
      assertThat(catalog.find(MappingCatalog.DEFAULT_MAPPING)).isPresent();
      assertThat(catalog.find("retail-orders")).isPresent();
      assertThat(catalog.find("clinic-orders")).isPresent();
      assertThat(catalog.feed()).isEmpty();
    }
  }

  @Test
  void aBrokenMappingStopsTheServiceNamingItsFileAndLine() throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "name: broken\ncolumns:\n  - source: [oops\n");

    try (ApplicationContext ctx = context()) {
      assertThatThrownBy(() -> ctx.getBean(MappingCatalog.class))
          .hasStackTraceContaining("broken.yaml:");
    }
  }
}
