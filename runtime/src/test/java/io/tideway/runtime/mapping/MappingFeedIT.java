package io.tideway.runtime.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingTopic;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mappings topic against a real broker: a running service's catalogue (built by the runtime, as
 * every service's is) sees a version applied by another process without a restart, and publishing
 * the same content again creates no version.
 */
class MappingFeedIT {

  private static final String PREFIX = "feedit.";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(PREFIX, 3);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static String yaml(String type) {
    return "name: feed-test\ntarget: {database: tideway, collection: feed_test}\ncolumns:\n"
        + "  - {source: A, target: a, type: "
        + type
        + "}\n";
  }

  private static MappingFeed tool() {
    return new MappingFeed(
            new KafkaClientFactory(kafka.bootstrapServers(), Map.of()),
            PREFIX,
            MappingCatalog.empty())
        .start();
  }

  @Test
  void aServiceSeesAnAppliedVersionWithoutRestartAndTheSameContentIsNoNewVersion() {
    try (ApplicationContext service =
            ApplicationContext.run(
                Map.of(
                    "kafka.bootstrap.servers",
                    kafka.bootstrapServers(),
                    "tideway.topic-prefix",
                    PREFIX));
        MappingFeed cli = tool()) {
      MappingCatalog catalog = service.getBean(MappingCatalog.class);
      assertThat(catalog.feed()).isPresent();
      assertThat(catalog.feed().get().awaitCaughtUp(WAIT)).isTrue();
      // What ingest does at start: the built-ins become version 1, once.
      assertThat(catalog.feed().get().publishSeeds(WAIT))
          .extracting(MappingVersion::name)
          .contains(MappingCatalog.DEFAULT_MAPPING);
      assertThat(catalog.feed().get().publishSeeds(WAIT)).isEmpty();

      MappingTopic.Published v1 = cli.publish(yaml("string"), "v1.yaml", "applied", false, WAIT);
      MappingTopic.Published v2 = cli.publish(yaml("int"), "v2.yaml", "applied", false, WAIT);
      assertThat(v1.version().version()).isEqualTo(1);
      assertThat(v2.version().version()).isEqualTo(2);
      MappingTopic.Published again = cli.publish(yaml("int"), "v2.yaml", "applied", false, WAIT);
      assertThat(again.created()).isFalse();
      assertThat(again.version().version()).isEqualTo(2);

      // The running service: latest is v2, v1 stays readable, no restart.
      Poll.until(
          WAIT,
          "the service read feed-test v2",
          () -> catalog.latest("feed-test").map(v -> v.record().version() == 2).orElse(false));
      assertThat(catalog.get("feed-test").columns().get(0).type()).isEqualTo(FieldType.INT);
      assertThat(catalog.get("feed-test@1").columns().get(0).type()).isEqualTo(FieldType.STRING);
      assertThat(catalog.currentRef("feed-test")).isEqualTo("feed-test@2");

      // A new process (a restart) reads every version back from the beginning.
      try (MappingFeed restarted = tool()) {
        assertThat(restarted.awaitCaughtUp(WAIT)).isTrue();
        assertThat(restarted.catalog().versions().all("feed-test")).hasSize(2);
        assertThat(restarted.publishSeeds(WAIT)).isEmpty();
      }

      // A version nobody published: the wait ends at its deadline, saying what it waited for.
      catalog.setMappingWait(Duration.ofMillis(200));
      assertThatThrownBy(() -> catalog.get("feed-test@9"))
          .isInstanceOf(MappingException.class)
          .hasMessageContaining("feed-test v9 was not read");
    }
  }

  @Test
  void anInvalidTextIsRefusedNamingItsLineAndNothingIsPublished() {
    try (MappingFeed cli = tool()) {
      assertThatThrownBy(
              () ->
                  cli.publish(
                      "name: broken\ncolumns:\n  - {source: A, target: a, type: nope}\n",
                      "broken.yaml",
                      "applied",
                      false,
                      WAIT))
          .isInstanceOf(MappingException.class)
          .hasMessageContaining("broken.yaml:3");
      try (MappingFeed reader = tool()) {
        assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
        assertThat(reader.catalog().versions().names()).doesNotContain("broken");
      }
    }
  }
}
