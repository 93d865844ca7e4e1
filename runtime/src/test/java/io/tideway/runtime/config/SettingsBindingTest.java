package io.tideway.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsBindingTest {

  @Test
  void defaultsApplyWithoutConfiguration() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      assertThat(ctx.getBean(TidewaySettings.class).getTopicPrefix()).isEqualTo("tideway.");
      assertThat(ctx.getBean(TidewaySettings.class).mappingsPaths()).isEmpty();
      assertThat(ctx.getBean(KafkaClientFactory.class).bootstrapServers())
          .isEqualTo("localhost:9092");
      assertThat(ctx.getBean(MongoConnection.class).getUri())
          .isEqualTo("mongodb://localhost:27017");
      assertThat(ctx.getBean(MappingCatalog.class).get(MappingCatalog.DEFAULT_MAPPING)).isNotNull();
    }
  }

  @Test
  void propertiesOverrideTheDefaults() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "tideway.topic-prefix", "t2.",
                "kafka.bootstrap.servers", "b:1",
                "tideway.admin.token", "s3cret"))) {
      assertThat(ctx.getBean(TidewaySettings.class).getTopicPrefix()).isEqualTo("t2.");
      assertThat(ctx.getBean(KafkaClientFactory.class).bootstrapServers()).isEqualTo("b:1");
      assertThat(ctx.getBean(AdminAccess.class).authorises("Bearer s3cret")).isTrue();
      assertThat(ctx.getBean(AdminAccess.class).authorises("Bearer other")).isFalse();
    }
  }

  @Test
  void aBlankTopicPrefixIsRefusedWithThePropertyName() {
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("tideway.topic-prefix", " "))) {
      assertThatThrownBy(() -> ctx.getBean(TidewaySettings.class))
          .isInstanceOf(BeanInstantiationException.class)
          .hasMessageContaining("topicPrefix");
    }
  }

  @Test
  void noTokenRefusesEveryOperatorRequest() {
    AdminAccess access = new AdminAccess();
    assertThat(access.authorises("Bearer ")).isFalse();
    assertThat(access.authorises(null)).isFalse();
  }
}
