package io.tideway.verifier.rejects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.payload.RejectedRow.Stage;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A file's rejects come back from the topic through the API, in row order, paged and as CSV;
 * another file's rejects and an aborted transaction's never do.
 */
class RejectsIT {

  private static final String PREFIX = "rj.";
  private static final String FILE = "orders-2024.csv-1";
  private static TestServers servers;

  @BeforeAll
  static void start() {
    servers = TestServers.start(PREFIX, 3);
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  private static RejectedRow reject(String file, long row, String field, String value) {
    return new RejectedRow(
        RejectedRow.SCHEMA,
        file,
        file + ".csv",
        row,
        row + 1,
        Stage.CLEANER,
        List.of(new Reason(field, "type", value, field + " is not a date: '" + value + "'")),
        Instant.now());
  }

  @Test
  void servesAFilesRejectsInRowOrderPagedAndAsCsv() throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(
                servers.kafka().bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rejects-it")),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      send(producer, Topics.FILES, FILE, Fixtures.fileEvent(FileEventType.DISCOVERED, FILE, 0));
      // Keyed by document id like the cleaner's, so they spread over the partitions.
      for (long row : new long[] {40, 7, 23, 2, 31}) {
        send(producer, Topics.REJECTED, "doc-" + row, reject(FILE, row, "admitted", "31/02/2024"));
        send(producer, Topics.REJECTED, "other-" + row, reject("other", row, "admitted", "x"));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      send(producer, Topics.REJECTED, "doc-aborted", reject(FILE, 99, "admitted", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      send(producer, Topics.REJECTED, "doc-last", reject(FILE, 50, "amount", "12,5,0"));
      producer.commitTransaction();
    }

    EmbeddedServer server = servers.verifier(PREFIX, Map.of());
    try (HttpClient client = HttpClient.create(server.getURL())) {
      BlockingHttpClient http = client.toBlocking();
      String base = "/api/files/" + FILE + "/rejects";
      JsonNode all =
          Poll.until(
              Duration.ofSeconds(60),
              "all six rejects of " + FILE,
              () -> Json.fromJson(http.retrieve(base + "?size=1000"), JsonNode.class),
              page -> page.get("total").asLong() == 6);
      assertThat(all.get("items").findValuesAsText("row"))
          .containsExactly("2", "7", "23", "31", "40", "50");
      JsonNode first = all.get("items").get(0);
      assertThat(first.get("line").asLong()).isEqualTo(3);
      assertThat(first.get("field").asText()).isEqualTo("admitted");
      assertThat(first.get("value").asText()).isEqualTo("31/02/2024");
      assertThat(first.get("reason").asText()).contains("not a date");

      JsonNode second = Json.fromJson(http.retrieve(base + "?page=2&size=4"), JsonNode.class);
      assertThat(second.get("items").findValuesAsText("row")).containsExactly("40", "50");
      assertThat(second.get("file_id").asText()).isEqualTo(FILE);

      String csv = http.retrieve(base + "?format=csv");
      List<String> lines = csv.lines().toList();
      assertThat(lines).hasSize(7);
      assertThat(lines.get(0)).isEqualTo("row,line,stage,field,value,rule,reason");
      assertThat(lines.get(6)).startsWith("50,51,cleaner,amount,\"12,5,0\",type,");

      HttpClientResponseException unknown =
          assertThrows(
              HttpClientResponseException.class,
              () -> http.retrieve("/api/files/no-such-file/rejects"));
      assertThat(unknown.getStatus().getCode()).isEqualTo(404);
      HttpClientResponseException tooBig =
          assertThrows(HttpClientResponseException.class, () -> http.retrieve(base + "?size=5000"));
      assertThat(tooBig.getStatus().getCode()).isEqualTo(400);
      assertThat(tooBig.getResponse().getBody(String.class).orElseThrow())
          .contains("size between 1 and 1000");
    } finally {
      server.close();
    }
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value) {
    String name = topic.name(PREFIX);
    producer.send(
        new ProducerRecord<>(name, key, topic.valueSerde().serializer().serialize(name, value)));
  }
}
