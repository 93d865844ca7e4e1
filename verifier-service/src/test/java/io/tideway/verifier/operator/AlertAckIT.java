package io.tideway.verifier.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.TestServers;
import io.tideway.verifier.VerifierRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging an alert through the HTTP API against a real broker: refused without the token or
 * for an unknown id, kept on the alerts topic so that a standby shows it and a restarted verifier
 * reads it back, and the alert stays open.
 */
class AlertAckIT {

  private static final String PREFIX = "ack.";
  private static final String FILE = "file-ack-1";
  private static final String ALERT = "INGEST_FAILED/" + FILE;
  private static final String TOKEN = "s3cret";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServers servers;

  @BeforeAll
  static void start() {
    servers = TestServers.start(PREFIX, 1);
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void anAcknowledgementIsRefusedWithoutTokenThenSurvivesStandbyAndRestart() throws Exception {
    publishFailedFile();
    EmbeddedServer first = verifier();
    EmbeddedServer second = null;
    try {
      Poll.until(WAIT, "the INGEST_FAILED alert open", () -> alert(first).isPresent());
      // The files list by page: the FAILED file, found by status and search.
      JsonNode page = get(first, "/api/files?status=failed&q=ACK-1&size=10");
      assertThat(page.path("total").asLong()).isEqualTo(1);
      assertThat(page.path("items").get(0).path("file_id").asText()).isEqualTo(FILE);
      assertThat(page.path("counts").path("FAILED").asLong()).isEqualTo(1);
      assertThat(get(first, "/api/files?status=VERIFIED").path("total").asLong()).isZero();
      assertThat(alert(first).orElseThrow().acknowledged()).isFalse();
      second = verifier();
      EmbeddedServer standbyServer = second;
      Poll.until(WAIT, "one active verifier", () -> active(first) != active(standbyServer));
      EmbeddedServer active = active(first) ? first : second;
      EmbeddedServer standby = active == first ? second : first;
      Poll.until(WAIT, "the standby knows the alert", () -> alert(standby).isPresent());

      HttpResponse<String> noToken = ack(active, ALERT, null, "{\"by\":\"alice\"}");
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(noToken.body()).contains("TIDEWAY_ADMIN_TOKEN");
      assertThat(ack(active, ALERT, "wrong", "").statusCode()).isEqualTo(401);
      assertThat(alert(active).orElseThrow().acknowledged()).isFalse();

      HttpResponse<String> unknown = ack(active, "MISMATCH/no-such-file", TOKEN, "");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("unknown alert id");
      assertThat(ack(active, ALERT, TOKEN, "not json").statusCode()).isEqualTo(400);

      HttpResponse<String> ok =
          ack(active, ALERT, TOKEN, "{\"by\":\"alice\",\"note\":\"repairing the file\"}");
      long acked = System.nanoTime();
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      Alert answered = Json.fromJson(ok.body(), Alert.class);
      assertThat(answered.acknowledgedBy()).isEqualTo("alice");
      assertThat(answered.ackNote()).isEqualTo("repairing the file");
      assertThat(answered.acknowledgedAt()).isNotNull();
      assertThat(answered.state()).isEqualTo(Alert.State.OPEN);

      Alert onStandby =
          Poll.value(
              WAIT,
              "the acknowledgement on the standby",
              () -> alert(standby).filter(Alert::acknowledged).orElse(null));
      System.err.printf(
          "acknowledgement visible on the standby after %d ms%n",
          (System.nanoTime() - acked) / 1_000_000);
      assertThat(onStandby.acknowledgedBy()).isEqualTo("alice");
      assertThat(onStandby.state()).isEqualTo(Alert.State.OPEN);

      // Acknowledged on the standby: the active instance takes it over too.
      HttpResponse<String> byStandby = ack(standby, ALERT, TOKEN, "{\"note\":\"handed over\"}");
      assertThat(byStandby.statusCode()).as(byStandby.body()).isEqualTo(200);
      Alert onActive =
          Poll.value(
              WAIT,
              "the standby's acknowledgement on the active instance",
              () -> alert(active).filter(a -> "handed over".equals(a.ackNote())).orElse(null));
      assertThat(onActive.acknowledgedBy()).as("'by' defaults").isEqualTo("operator");
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }

    EmbeddedServer restarted = verifier();
    try {
      Alert reread =
          Poll.value(
              WAIT,
              "the acknowledged alert read back after a restart",
              () -> alert(restarted).filter(Alert::acknowledged).orElse(null));
      assertThat(reread.acknowledgedBy()).isEqualTo("operator");
      assertThat(reread.ackNote()).isEqualTo("handed over");
      assertThat(reread.state()).as("acknowledged, not resolved").isEqualTo(Alert.State.OPEN);
      // The id may travel encoded: MISMATCH/<file> as MISMATCH%2F<file>.
      assertThat(ack(restarted, ALERT.replace("/", "%2F"), TOKEN, "").statusCode()).isEqualTo(200);
    } finally {
      restarted.close();
    }
  }

  private static EmbeddedServer verifier() {
    return servers.verifier(
        PREFIX, Map.of("tideway.admin.token", TOKEN, "tideway.verifier.standby-takeover", "6s"));
  }

  private static boolean active(EmbeddedServer server) {
    return server.getApplicationContext().getBean(VerifierRuntime.class).active();
  }

  private static Optional<Alert> alert(EmbeddedServer server) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.getURL() + "/api/alerts")).build(),
              HttpResponse.BodyHandlers.ofString());
      return Arrays.stream(Json.fromJson(r.body(), Alert[].class))
          .filter(a -> a.id().equals(ALERT) && a.state() == Alert.State.OPEN)
          .findFirst();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static JsonNode get(EmbeddedServer server, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private static HttpResponse<String> ack(
      EmbeddedServer server, String id, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/alerts/" + id + "/ack"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void publishFailedFile() {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(servers.kafka().bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      String topic = Topics.FILES.name(PREFIX);
      for (FileEventType type :
          new FileEventType[] {FileEventType.DISCOVERED, FileEventType.FAILED}) {
        FileEvent e = Fixtures.fileEvent(type, FILE, 0);
        producer.send(
            new ProducerRecord<>(
                topic, FILE, Topics.FILES.valueSerde().serializer().serialize(topic, e)));
      }
      producer.flush();
    }
  }
}
