package io.tideway.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.cleaner.support.KafkaIo;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service end to end: Micronaut app, real broker, health, metrics, and rows through the
 * topology.
 */
class ApplicationIT {

  private static final String PREFIX = "app.";
  private static EmbeddedKafka kafka;
  private static EmbeddedServer server;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(PREFIX, 3);
    Path state = Files.createTempDirectory("cleaner-app-it");
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "tideway.topic-prefix",
                PREFIX,
                "tideway.cleaner.state-dir",
                state.toString()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void cleansRowsAndReportsHealthAndMetrics() {
    KafkaIo.produceRaw(
        kafka.bootstrapServers(),
        PREFIX,
        List.of(
            Rows.admission("fa", 1),
            Rows.admission("fa", 2),
            Rows.admission("fa", 3, v -> v.put("Age", "41")),
            Rows.admission("fa", 4, v -> v.put("Age", "old"))));

    List<ConsumerRecord<String, byte[]>> cleaned =
        KafkaIo.readAll(
            kafka.bootstrapServers(), PREFIX, Topics.CLEANED, 2, Duration.ofSeconds(60));
    assertThat(cleaned).hasSize(2);
    assertThat(
            new String(
                cleaned.get(0).headers().lastHeader(KafkaHeaders.MAPPING).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("healthcare-admissions");
    Map<String, CleanStats> latest = new HashMap<>();
    Poll.until(
        Duration.ofSeconds(30),
        "clean stats of fa",
        () -> {
          KafkaIo.readAll(
                  kafka.bootstrapServers(), PREFIX, Topics.CLEAN_STATS, 1, Duration.ofSeconds(10))
              .forEach(r -> latest.put(r.key(), r.value()));
          return latest.values().stream()
                  .mapToLong(s -> s.cleaned() + s.duplicates() + s.rejected())
                  .sum()
              == 4;
        });
    assertThat(latest.values().stream().mapToLong(CleanStats::cleaned).sum()).isEqualTo(2);
    assertThat(latest.values().stream().mapToLong(CleanStats::duplicates).sum()).isEqualTo(1);
    assertThat(latest.values().stream().mapToLong(CleanStats::rejected).sum()).isEqualTo(1);

    // micronaut-kafka-streams runs exactly one KafkaStreams, with the cleaner's guarantees.
    assertThat(server.getApplicationContext().getBeansOfType(KafkaStreams.class)).hasSize(1);
    Properties config =
        server.getApplicationContext().getBean(ConfiguredStreamBuilder.class).getConfiguration();
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("tideway-cleaner");
    // A stream thread that dies is replaced; the client is never left shut down but alive.
    assertThat(config.get("uncaught-exception-handler")).isEqualTo("REPLACE_THREAD");

    try (HttpClient http = HttpClient.create(server.getURL())) {
      String health = http.toBlocking().retrieve("/health");
      assertThat(health).contains("\"status\":\"UP\"").contains("RUNNING");
      String metrics = http.toBlocking().retrieve("/prometheus");
      assertThat(metrics).contains("kafka_stream");
    }
  }
}
