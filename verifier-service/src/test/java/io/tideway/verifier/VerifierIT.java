package io.tideway.verifier;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.DISCOVERED;
import static io.tideway.contracts.payload.FileEventType.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import io.tideway.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The verifier against a real broker and a MongoDB-wire server: verify, detect a deletion, restart.
 */
class VerifierIT {

  private static final String PREFIX = "it.";
  private static final String FILE = "file-it-1";
  private static TestServers servers;
  private static EmbeddedKafka kafka;
  private static EmbeddedMongo mongo;
  private static MongoClient mongoClient;

  @BeforeAll
  static void start() {
    servers = TestServers.start(PREFIX, 2);
    kafka = servers.kafka();
    mongo = servers.mongo();
    mongoClient = servers.mongoClient();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void verifiesThenCatchesADeletionThenRebuildsTheSameStateAfterARestart() throws Exception {
    List<BsonDocument> docs = Fixtures.documents(FILE, 10);
    MongoCollection<BsonDocument> admissions =
        mongoClient.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    admissions.insertMany(docs);
    admissions.insertMany(Fixtures.documents("another-file", 3));
    publishPipelineOutput(docs);
    commitLoaderOffset(
        new TopicPartition(Topics.FILES.name(PREFIX), 1), 1); // 2 behind, then the group leaves

    EmbeddedServer server = startVerifier();
    try {
      BlockingHttpClient http = client(server);
      IntegrityEvent verified = awaitStatus(http, FileStatus.VERIFIED, Duration.ofSeconds(60));
      assertThat(verified.rowsRead()).isEqualTo(12);
      assertThat(verified.cleaned()).isEqualTo(10);
      assertThat(verified.duplicates()).isEqualTo(1);
      assertThat(verified.rejected()).isEqualTo(1);
      assertThat(verified.inserted()).isEqualTo(10); // the replayed receipt is not counted twice
      assertThat(verified.documentsInMongo()).isEqualTo(10);
      assertThat(verified.digestActual()).isEqualTo(Fixtures.digest(docs));
      assertThat(verified.problems()).isEmpty();

      String raw = http.retrieve("/api/files/" + FILE);
      assertThat(raw)
          .contains(
              "\"file_id\":\"" + FILE + "\"", "\"rows_read\":12", "\"documents_in_mongo\":10");
      JsonNode detail = Json.MAPPER.readTree(raw);
      assertThat(detail.path("quality").path("cleaned").asLong())
          .isEqualTo(10); // merged over both partitions
      assertThat(detail.path("quality").path("partition").asInt()).isEqualTo(-1);
      assertThat(detail.path("links").path("quality_html").asText())
          .isEqualTo("/api/files/" + FILE + "/quality.html");
      HttpClientResponseException notFound =
          catchThrowableOfType(
              HttpClientResponseException.class, () -> http.retrieve("/api/files/no-such-file"));
      assertThat(notFound.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
      assertThat(notFound.getResponse().getBody(String.class))
          .get()
          .asString()
          .contains("\"error\"");
      assertQualityReport(http);
      GroupLagView loader =
          Poll.until(Duration.ofSeconds(20), () -> lag(http), g -> g != null && g.found());
      assertThat(loader.status()).isEqualTo("STOP");
      assertThat(loader.totalLag()).isEqualTo(2);
      Poll.until(
          Duration.ofSeconds(5),
          () -> openAlerts(http),
          ids -> ids.contains("LAGGING/tideway-loader"));
      String health = http.retrieve("/health");
      String prometheus = http.retrieve("/prometheus");
      String dashboard = http.retrieve("/");
      assertThat(health).contains("UP");
      assertThat(prometheus).contains("tideway_verifier_files");
      // Per-file series, refreshed by the publish cycle.
      Poll.until(
          Duration.ofSeconds(10),
          () -> http.retrieve("/prometheus"),
          text ->
              text.contains(
                      "tideway_verifier_file_documents{count=\"in_mongo\",file_id=\""
                          + FILE
                          + "\",file_name=\""
                          + FILE
                          + ".csv\"} 10.0")
                  && text.contains(
                      "tideway_verifier_file_status{file_id=\""
                          + FILE
                          + "\",file_name=\""
                          + FILE
                          + ".csv\",status=\"VERIFIED\"} 1.0"));
      assertThat(dashboard).contains("EventSource");

      List<Event<String>> live = new CopyOnWriteArrayList<>();
      SseClient sse = server.getApplicationContext().createBean(SseClient.class, server.getURL());
      Disposable subscription =
          Flux.from(sse.eventStream("/api/events", String.class)).subscribe(live::add);

      // A document disappears behind the pipeline's back.
      admissions.deleteOne(Filters.eq("_id", docs.get(4).get("_id")));
      Instant deleted = Instant.now();
      IntegrityEvent mismatch = awaitStatus(http, FileStatus.MISMATCH, Duration.ofSeconds(10));
      assertThat(Duration.between(deleted, Instant.now())).isLessThan(Duration.ofSeconds(5));
      assertThat(mismatch.documentsInMongo()).isEqualTo(9);
      assertThat(mismatch.problems())
          .anySatisfy(p -> assertThat(p).contains("1 documents missing"));
      Poll.until(
          Duration.ofSeconds(5), () -> openAlerts(http), ids -> ids.contains("MISMATCH/" + FILE));
      // The same changes reached the live event stream.
      Poll.until(
          Duration.ofSeconds(5),
          () -> live,
          events ->
              events.stream()
                  .anyMatch(
                      e ->
                          "alert".equals(e.getName()) && e.getData().contains("MISMATCH/" + FILE)));
      assertThat(live)
          .anySatisfy(
              e -> {
                assertThat(e.getName()).isEqualTo("integrity");
                assertThat(Json.fromJson(e.getData(), IntegrityEvent.class).status())
                    .isEqualTo(FileStatus.MISMATCH);
              });
      subscription.dispose();
    } finally {
      server.close();
    }

    // A restart rebuilds the same state from the topics.
    EmbeddedServer restarted = startVerifier();
    try {
      BlockingHttpClient http = client(restarted);
      IntegrityEvent again = awaitStatus(http, FileStatus.MISMATCH, Duration.ofSeconds(60));
      assertThat(again.rowsRead()).isEqualTo(12);
      assertThat(again.inserted()).isEqualTo(10);
      assertThat(again.documentsInMongo()).isEqualTo(9);
      assertThat(openAlerts(http)).contains("MISMATCH/" + FILE);

      // The document comes back: the file verifies and the alert resolves - having opened only
      // once.
      admissions.insertOne(docs.get(4));
      awaitStatus(http, FileStatus.VERIFIED, Duration.ofSeconds(60));
      List<Alert> history =
          Poll.until(
              Duration.ofSeconds(10),
              () -> read(Topics.ALERTS),
              alerts ->
                  alerts.stream()
                      .anyMatch(
                          a ->
                              a.id().equals("MISMATCH/" + FILE)
                                  && a.state() == Alert.State.RESOLVED));
      // Opened once and resolved once; while open it was re-announced only when its finding changed
      // (the full check adds the digest line to the count's).
      List<Alert> mismatch =
          history.stream().filter(a -> a.id().equals("MISMATCH/" + FILE)).toList();
      assertThat(mismatch)
          .extracting(Alert::state)
          .startsWith(Alert.State.OPEN)
          .containsOnlyOnce(Alert.State.RESOLVED)
          .endsWith(Alert.State.RESOLVED);
      assertThat(mismatch).extracting(Alert::message).doesNotHaveDuplicates();
      assertThat(read(Topics.INTEGRITY))
          .filteredOn(e -> e.fileId().equals(FILE))
          .extracting(IntegrityEvent::status)
          .contains(FileStatus.VERIFIED, FileStatus.MISMATCH);

      // A field's type changes behind the pipeline's back: the counts hold, the periodic full
      // re-audit (every recent-digest-audit-interval, 10s by default) names the field and the row.
      Bson age = Filters.eq("_id", docs.get(6).get("_id"));
      admissions.updateOne(age, Updates.set("patient.age", "37"));
      IntegrityEvent mistyped = awaitStatus(http, FileStatus.MISMATCH, Duration.ofSeconds(30));
      assertThat(mistyped.documentsInMongo()).isEqualTo(10);
      assertThat(mistyped.documentsNonconforming()).isEqualTo(1);
      assertThat(mistyped.problems())
          .contains(
              "patient.age: string in 1 document, mapping 'healthcare-admissions' says int32 (first at row 8 of the file)");
      admissions.updateOne(age, Updates.set("patient.age", 37));
      assertThat(
              awaitStatus(http, FileStatus.VERIFIED, Duration.ofSeconds(30))
                  .documentsNonconforming())
          .isZero();

      // An operator rollback: the documents go, ROLLED_BACK arrives; final, and no MISMATCH for the
      // gap.
      admissions.deleteMany(Filters.eq("_source.file_id", FILE));
      publishRollback(10);
      IntegrityEvent rolledBack = awaitStatus(http, FileStatus.ROLLED_BACK, Duration.ofSeconds(30));
      assertThat(rolledBack.documentsInMongo()).isZero();
      assertThat(rolledBack.problems()).singleElement().asString().contains("10 documents deleted");
      Poll.until(
          Duration.ofSeconds(10),
          () -> read(Topics.INTEGRITY),
          events ->
              events.stream()
                  .anyMatch(e -> e.fileId().equals(FILE) && e.status() == FileStatus.ROLLED_BACK));
      assertThat(openAlerts(http)).doesNotContain("MISMATCH/" + FILE);
    } finally {
      restarted.close();
    }
  }

  @Test
  void operatorActionsNeedTheTokenAndGoToTheServiceThatOwnsTheData() throws Exception {
    String file = "file-op-1";
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      // Partition 0: the other test measures a consumer group's lag on partition 1 of this topic.
      String topic = Topics.FILES.name(PREFIX);
      producer.send(
          new ProducerRecord<>(
              topic,
              0,
              file,
              Topics.FILES
                  .valueSerde()
                  .serializer()
                  .serialize(topic, Fixtures.fileEvent(DISCOVERED, file, 0))));
      producer.flush();
    }
    // Stand-ins for loader-service and ingest-service: record what reaches them, answer like them.
    List<String> received = new CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer owners =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    owners.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              ("{\"file_id\":\"" + file + "\",\"deleted\":10}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    owners.start();
    String ownersUrl = "http://127.0.0.1:" + owners.getAddress().getPort();
    EmbeddedServer server =
        startVerifier(
            Map.of(
                "tideway.admin.token",
                "s3cret",
                "tideway.verifier.operator.loader-url",
                ownersUrl,
                "tideway.verifier.operator.ingest-url",
                ownersUrl));
    try {
      BlockingHttpClient http = client(server);
      Poll.until(
          Duration.ofSeconds(30), () -> http.retrieve("/api/files"), body -> body.contains(file));

      HttpClientResponseException noToken =
          catchThrowableOfType(
              HttpClientResponseException.class,
              () ->
                  http.exchange(
                      HttpRequest.POST("/api/files/" + file + "/rollback", ""), String.class));
      assertThat(noToken.getStatus().getCode()).isEqualTo(401);
      HttpClientResponseException wrongToken =
          catchThrowableOfType(
              HttpClientResponseException.class,
              () ->
                  http.exchange(
                      HttpRequest.POST("/api/files/" + file + "/replay", "").bearerAuth("guess"),
                      String.class));
      assertThat(wrongToken.getStatus().getCode()).isEqualTo(401);
      HttpClientResponseException unknown =
          catchThrowableOfType(
              HttpClientResponseException.class,
              () ->
                  http.exchange(
                      HttpRequest.POST("/api/files/nope/rollback", "").bearerAuth("s3cret"),
                      String.class));
      assertThat(unknown.getStatus().getCode()).isEqualTo(404);
      assertThat(received).isEmpty(); // nothing refused was forwarded

      String rolledBack =
          http.retrieve(
              HttpRequest.POST("/api/files/" + file + "/rollback", "").bearerAuth("s3cret"));
      String replayed =
          http.retrieve(
              HttpRequest.POST("/api/files/" + file + "/replay", "").bearerAuth("s3cret"));
      assertThat(rolledBack).contains("\"deleted\":10");
      assertThat(replayed).contains(file);
      assertThat(received)
          .containsExactly(
              "DELETE /api/files/" + file + "/documents Bearer s3cret",
              "POST /api/files/" + file + "/replay Bearer s3cret");

      owners.stop(0);
      HttpClientResponseException down =
          catchThrowableOfType(
              HttpClientResponseException.class,
              () ->
                  http.exchange(
                      HttpRequest.POST("/api/files/" + file + "/rollback", "").bearerAuth("s3cret"),
                      String.class));
      assertThat(down.getStatus().getCode()).isEqualTo(502);
      assertThat(down.getResponse().getBody(String.class))
          .get()
          .asString()
          .contains("loader-service is unreachable");
    } finally {
      owners.stop(0);
      server.close();
    }
  }

  /**
   * Issue 11, defects 1 and 4: a file all of whose rows were counted as duplicates of another
   * file's documents is not VERIFIED once those documents are gone, and the other file's rollback
   * is refused while it depends on them.
   */
  @Test
  void aFileOfDuplicatesReliesOnTheDocumentsOfTheFileItDuplicates() throws Exception {
    String prefix = "dep.";
    kafka.createTopics(prefix, 2);
    String first = "file-dep-a";
    String again = "file-dep-b";
    List<BsonDocument> docs = Fixtures.documents(first, 10);
    MongoCollection<BsonDocument> admissions =
        mongoClient.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    admissions.insertMany(docs);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (String id : List.of(first, again)) {
        send(producer, prefix, Topics.FILES, id, Fixtures.fileEvent(DISCOVERED, id, 0));
        send(producer, prefix, Topics.FILES, id, Fixtures.fileEvent(STARTED, id, 0));
        send(producer, prefix, Topics.FILES, id, Fixtures.fileEvent(COMPLETED, id, 10));
      }
      send(
          producer,
          prefix,
          Topics.CLEAN_STATS,
          first + "/0",
          Fixtures.stats(first, 0, 10, 0, 0, Fixtures.digest(docs)));
      var loaded = Fixtures.receipt(0, 0, 9, first, 10, 0, 0, null);
      send(producer, prefix, Topics.LOAD_RECEIPTS, loaded.key(), loaded);
      // The same content dropped again: every row a duplicate of the first file, nothing loaded.
      send(
          producer,
          prefix,
          Topics.CLEAN_STATS,
          again + "/0",
          Fixtures.stats(again, 0, 0, 10, 0, "0000000000000000", Map.of(first, 10L)));
      producer.flush();
    }
    List<String> forwarded = new CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer loader =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    loader.createContext(
        "/",
        exchange -> {
          forwarded.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          // The second delete is the one a replay asks for: answer it as the real loader does, with
          // a ROLLED_BACK event once the documents are deleted (the first stays unannounced on
          // purpose).
          if (exchange.getRequestMethod().equals("DELETE") && forwarded.size() > 1) {
            announceRolledBack(prefix, first);
          }
          byte[] body = "{\"deleted\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    loader.start();
    EmbeddedServer server =
        startVerifier(
            Map.of(
                "tideway.topic-prefix",
                prefix,
                "tideway.admin.token",
                "s3cret",
                "tideway.verifier.operator.loader-url",
                "http://127.0.0.1:" + loader.getAddress().getPort(),
                "tideway.verifier.operator.ingest-url",
                "http://127.0.0.1:" + loader.getAddress().getPort()));
    try {
      BlockingHttpClient http = client(server);
      assertThat(
              awaitStatus(http, first, FileStatus.VERIFIED, Duration.ofSeconds(60))
                  .documentsInMongo())
          .isEqualTo(10);
      IntegrityEvent dependent =
          awaitStatus(http, again, FileStatus.VERIFIED, Duration.ofSeconds(30));
      assertThat(dependent.duplicates()).isEqualTo(10);
      assertThat(dependent.documentsInMongo()).isZero();

      // Defect 4: rolling back the first file would orphan the second file's rows.
      HttpClientResponseException refused =
          catchThrowableOfType(
              HttpClientResponseException.class,
              () ->
                  http.exchange(
                      HttpRequest.POST("/api/files/" + first + "/rollback", "")
                          .bearerAuth("s3cret"),
                      String.class));
      assertThat(refused.getStatus().getCode()).isEqualTo(409);
      JsonNode body =
          Json.MAPPER.readTree(refused.getResponse().getBody(String.class).orElseThrow());
      assertThat(body.path("error").asText())
          .contains(
              "cannot be rolled back",
              again + " (" + again + ".csv, 10 rows)",
              "./pipeline rollback --file " + again);
      assertThat(body.path("dependents").get(0).path("file_id").asText()).isEqualTo(again);
      assertThat(body.path("dependents").get(0).path("rows").asLong()).isEqualTo(10);
      assertThat(forwarded).as("nothing refused reaches the loader").isEmpty();

      // Defect 1: the first file's documents disappear behind the pipeline's back (a store
      // switched,
      // a collection dropped): the file of duplicates no longer adds up either.
      admissions.deleteMany(Filters.eq("_source.file_id", first));
      IntegrityEvent orphaned =
          awaitStatus(http, again, FileStatus.MISMATCH, Duration.ofSeconds(30));
      assertThat(orphaned.problems())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .contains(
                          "10 rows counted as duplicates of file "
                              + first
                              + " ("
                              + first
                              + ".csv, MISMATCH)",
                          "point to documents missing from MongoDB",
                          "found 0 of 10 documents"));
      Poll.until(
          Duration.ofSeconds(10), () -> openAlerts(http), ids -> ids.contains("MISMATCH/" + again));

      // Rolled back in the order the refusal named, the first file's rollback goes through.
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
              new StringSerializer(),
              new ByteArraySerializer())) {
        send(
            producer,
            prefix,
            Topics.FILES,
            again,
            Fixtures.fileEvent(io.tideway.contracts.payload.FileEventType.ROLLED_BACK, again, 0));
        producer.flush();
      }
      awaitStatus(http, again, FileStatus.ROLLED_BACK, Duration.ofSeconds(30));
      http.retrieve(HttpRequest.POST("/api/files/" + first + "/rollback", "").bearerAuth("s3cret"));
      assertThat(forwarded).containsExactly("DELETE /api/files/" + first + "/documents");

      // A replay of a file whose documents are gone (here: deleted behind the pipeline's back)
      // rolls
      // it back first, so that its rows load again instead of counting as duplicates of nothing.
      http.retrieve(HttpRequest.POST("/api/files/" + first + "/replay", "").bearerAuth("s3cret"));
      assertThat(forwarded)
          .containsExactly(
              "DELETE /api/files/" + first + "/documents",
              "DELETE /api/files/" + first + "/documents",
              "POST /api/files/" + first + "/replay");
      assertThat(awaitStatus(http, first, FileStatus.ROLLED_BACK, Duration.ofSeconds(5)).status())
          .isEqualTo(FileStatus.ROLLED_BACK);
    } finally {
      loader.stop(0);
      server.close();
    }
  }

  private static void announceRolledBack(String prefix, String fileId) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      send(
          producer,
          prefix,
          Topics.FILES,
          fileId,
          Fixtures.fileEvent(io.tideway.contracts.payload.FileEventType.ROLLED_BACK, fileId, 0));
      producer.flush();
    }
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer, String prefix, Topic<V> topic, String key, V value) {
    String name = topic.name(prefix);
    producer.send(
        new ProducerRecord<>(name, key, topic.valueSerde().serializer().serialize(name, value)));
  }

  private static IntegrityEvent awaitStatus(
      BlockingHttpClient http, String fileId, FileStatus status, Duration timeout) {
    return Poll.until(
            timeout,
            () ->
                Arrays.stream(Json.fromJson(http.retrieve("/api/files"), IntegrityEvent[].class))
                    .filter(f -> f.fileId().equals(fileId))
                    .findFirst(),
            f -> f.isPresent() && f.get().status() == status)
        .orElseThrow();
  }

  private void publishRollback(long deleted) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      send(
          producer,
          Topics.FILES,
          FILE,
          Fixtures.fileEvent(
              io.tideway.contracts.payload.FileEventType.ROLLED_BACK, FILE, deleted));
      producer.flush();
    }
  }

  private void publishPipelineOutput(List<BsonDocument> docs) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      send(producer, Topics.FILES, FILE, Fixtures.fileEvent(DISCOVERED, FILE, 0));
      send(producer, Topics.FILES, FILE, Fixtures.fileEvent(STARTED, FILE, 0));
      send(producer, Topics.FILES, FILE, Fixtures.fileEvent(COMPLETED, FILE, 12));
      // Partition 0's first record is superseded by its second (running counters).
      send(
          producer,
          Topics.CLEAN_STATS,
          FILE + "/0",
          Fixtures.stats(FILE, 0, 3, 0, 0, Fixtures.digest(docs.subList(0, 3))));
      send(
          producer,
          Topics.CLEAN_STATS,
          FILE + "/0",
          Fixtures.stats(FILE, 0, 6, 1, 0, Fixtures.digest(docs.subList(0, 6))));
      send(
          producer,
          Topics.CLEAN_STATS,
          FILE + "/1",
          Fixtures.stats(FILE, 1, 4, 0, 1, Fixtures.digest(docs.subList(6, 10))));
      var r0 = Fixtures.receipt(0, 0, 5, FILE, 6, 0, 0, null);
      var r1 = Fixtures.receipt(1, 0, 3, FILE, 4, 0, 0, null);
      send(producer, Topics.QUALITY, FILE + "/0", quality(0, 1, 0, 0, 0));
      send(producer, Topics.QUALITY, FILE + "/0", quality(0, 6, 1, 0, 3)); // latest per key wins
      send(producer, Topics.QUALITY, FILE + "/1", quality(1, 4, 0, 1, 2));
      send(producer, Topics.LOAD_RECEIPTS, r0.key(), r0);
      send(producer, Topics.LOAD_RECEIPTS, r1.key(), r1);
      send(producer, Topics.LOAD_RECEIPTS, r1.key(), r1); // delivered twice
      producer.flush();
    }
  }

  private static QualityReport quality(
      int partition, long cleaned, long duplicates, long rejected, long negative) {
    return new QualityReport(
        QualityReport.SCHEMA,
        FILE,
        "<b>it</b>.csv",
        "healthcare-admissions",
        partition,
        cleaned + duplicates + rejected,
        cleaned,
        duplicates,
        rejected,
        rejected == 0 ? Map.of() : Map.of("enum", rejected),
        Map.of("billing_amount.negative", negative),
        List.of(
            new QualityReport.ColumnQuality(
                "Blood Type", "patient.blood_type", "enum", cleaned + duplicates, 0, rejected)),
        Instant.now());
  }

  /** The merged quality report in its three forms, and 404 for an unknown file. */
  private static void assertQualityReport(BlockingHttpClient http) {
    QualityReport q =
        Poll.until(
            Duration.ofSeconds(10),
            () ->
                Json.fromJson(
                    http.retrieve("/api/files/" + FILE + "/quality"), QualityReport.class),
            r -> r.rows() == 12);
    assertThat(q)
        .extracting(QualityReport::cleaned, QualityReport::duplicates, QualityReport::rejected)
        .containsExactly(10L, 1L, 1L);
    assertThat(q.warningsByRule()).containsEntry("billing_amount.negative", 5L);
    assertThat(q.columns())
        .containsExactly(
            new QualityReport.ColumnQuality("Blood Type", "patient.blood_type", "enum", 11, 0, 1));
    assertThat(http.retrieve("/api/files/" + FILE + "/quality"))
        .contains("\"rejects_by_rule\":{\"enum\":1}");
    String md = http.retrieve("/api/files/" + FILE + "/quality.md");
    assertThat(md).contains("| Rows read | 12 |", "| enum | reject | 1 | 8.33 % |");
    String html = http.retrieve("/api/files/" + FILE + "/quality.html");
    assertThat(html)
        .contains("&lt;b&gt;it&lt;/b&gt;.csv", "href=\"/\"", "91.67 %")
        .doesNotContain("<b>it</b>");
    HttpClientResponseException unknown =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> http.retrieve("/api/files/no-such-file/quality.md"));
    assertThat(unknown.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value) {
    String name = topic.name(PREFIX);
    producer.send(
        new ProducerRecord<>(name, key, topic.valueSerde().serializer().serialize(name, value)));
  }

  /** The part of {@code GET /api/lag} the test reads. */
  record GroupLagView(String group, boolean found, String status, long totalLag) {}

  private static GroupLagView lag(BlockingHttpClient http) {
    return Arrays.stream(Json.fromJson(http.retrieve("/api/lag"), GroupLagView[].class))
        .filter(g -> g.group().equals("tideway-loader"))
        .findFirst()
        .orElse(null);
  }

  private static void commitLoaderOffset(TopicPartition tp, long offset) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "tideway-loader"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
    }
  }

  private static EmbeddedServer startVerifier() {
    return startVerifier(Map.of());
  }

  private static EmbeddedServer startVerifier(Map<String, Object> extra) {
    return servers.verifier(PREFIX, extra);
  }

  private static BlockingHttpClient client(EmbeddedServer server) {
    return server
        .getApplicationContext()
        .createBean(HttpClient.class, server.getURL())
        .toBlocking();
  }

  private static Optional<IntegrityEvent> file(BlockingHttpClient http) {
    IntegrityEvent[] files = Json.fromJson(http.retrieve("/api/files"), IntegrityEvent[].class);
    return Arrays.stream(files).filter(f -> f.fileId().equals(FILE)).findFirst();
  }

  private static IntegrityEvent awaitStatus(
      BlockingHttpClient http, FileStatus status, Duration timeout) {
    return Poll.until(timeout, () -> file(http), f -> f.isPresent() && f.get().status() == status)
        .orElseThrow();
  }

  private static List<String> openAlerts(BlockingHttpClient http) {
    return Arrays.stream(Json.fromJson(http.retrieve("/api/alerts"), Alert[].class))
        .filter(a -> a.state() == Alert.State.OPEN)
        .map(Alert::id)
        .toList();
  }

  private static <V> List<V> read(Topic<V> topic) {
    String name = topic.name(PREFIX);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(name).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      List<V> out = new ArrayList<>();
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(topic.valueSerde().deserializer().deserialize(name, r.value()));
        }
      }
      return out;
    }
  }
}
