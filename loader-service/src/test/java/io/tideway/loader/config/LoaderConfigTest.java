package io.tideway.loader.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.tideway.loader.consume.CleanedRecordParser;
import io.tideway.loader.write.WriteModelKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader's settings bind from properties, are validated at start and wire the domain. */
class LoaderConfigTest {

  private static final Map<String, Object> NO_LOOP = Map.of("tideway.loader.enabled", "false");

  @Test
  void environmentStyleValuesBindToTypedSettings() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "tideway.loader.enabled", "false",
                "tideway.loader.batch-size", "250",
                "tideway.loader.batch-max-wait", "50ms",
                "tideway.loader.write-model", "REPLACE_UPSERT"))) {
      LoaderConfig config = ctx.getBean(LoaderConfig.class);
      assertThat(config.getBatchSize()).isEqualTo(250);
      assertThat(config.getBatchMaxWait()).isEqualTo(Duration.ofMillis(50));
      assertThat(config.getWriteModel()).isEqualTo(WriteModelKind.REPLACE_UPSERT);
    }
  }

  @Test
  void aBlankGroupIdStopsTheStartNamingTheSetting() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of("tideway.loader.enabled", "false", "tideway.loader.group-id", " "))) {
      assertThatThrownBy(() -> ctx.getBean(LoaderConfig.class))
          .isInstanceOf(BeanInstantiationException.class)
          .hasMessageContaining("groupId");
    }
  }

  @Test
  void theContainerBuildsTheParserFromTheSharedCatalogue() {
    try (ApplicationContext ctx = ApplicationContext.run(NO_LOOP)) {
      assertThat(ctx.getBean(CleanedRecordParser.class)).isNotNull();
    }
  }
}
