package io.tideway.verifier;

import static io.tideway.contracts.payload.FileEventType.COMPLETED;
import static io.tideway.contracts.payload.FileEventType.DISCOVERED;
import static io.tideway.contracts.payload.FileEventType.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import io.tideway.testkit.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the verifier says when the store itself fails, against a real broker and mongo-java-server:
 * a store that lost its data raises STORE_RESET naming the files to replay; a store that does not
 * answer makes a file WAITING (documents unknown), never MISMATCH.
 */
class StoreTruthIT {

  private static final String PREFIX = "truth.";
  private static final Duration SETTLE = Duration.ofSeconds(15);
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
  void aDroppedDatabaseRaisesStoreResetAndAFrozenStoreMakesFilesWaitNotMismatch() {
    String file = "file-reset-1";
    List<BsonDocument> docs = Fixtures.documents(file, 10);
    MongoCollection<BsonDocument> admissions =
        mongoClient.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    admissions.insertMany(docs);
    publishFile(file, docs, 10);

    EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "tideway.topic-prefix",
                PREFIX,
                "tideway.mongo.uri",
                mongo.uri(),
                "tideway.verifier.settle-timeout",
                SETTLE.toSeconds() + "s",
                "tideway.verifier.store-probe-timeout",
                "2s",
                "tideway.verifier.mongo-timeout",
                "3s"));
    try {
      BlockingHttpClient http =
          server.getApplicationContext().createBean(HttpClient.class, server.getURL()).toBlocking();
      assertThat(await(http, file, FileStatus.VERIFIED, Duration.ofSeconds(60)).documentsInMongo())
          .isEqualTo(10);
      MongoCollection<Document> meta =
          mongoClient.getDatabase("tideway").getCollection("tideway_meta");
      String marker = Poll.until(Duration.ofSeconds(10), () -> markerOf(meta), m -> m != null);

      // The store loses its data behind the pipeline's back.
      mongoClient.getDatabase("tideway").drop();
      Alert reset =
          Poll.until(
                  Duration.ofSeconds(20),
                  () -> alert(http, "STORE_RESET/pipeline"),
                  a -> a.isPresent() && a.get().state() == Alert.State.OPEN)
              .orElseThrow();
      assertThat(reset.severity()).isEqualTo(Alert.Severity.CRITICAL);
      assertThat(reset.message())
          .contains(file + " (" + file + ".csv)", "./pipeline replay --file ID");
      assertThat(Poll.until(Duration.ofSeconds(10), () -> markerOf(meta), m -> m != null))
          .isNotEqualTo(marker);
      assertThat(await(http, file, FileStatus.MISMATCH, Duration.ofSeconds(20)).documentsInMongo())
          .isZero();

      // Its documents come back (a restore, or a replay): verified again, the alert resolves.
      admissions.insertMany(docs);
      await(http, file, FileStatus.VERIFIED, Duration.ofSeconds(30));
      Poll.until(
          Duration.ofSeconds(10),
          () -> alert(http, "STORE_RESET/pipeline"),
          a -> a.isPresent() && a.get().state() == Alert.State.RESOLVED);

      // MongoDB stops answering while a second file is still loading (receipts for 6 of 10).
      String loading = "file-waiting-1";
      mongo.close();
      Instant down = Instant.now();
      publishFile(loading, Fixtures.documents(loading, 10), 6);
      IntegrityEvent waiting = await(http, loading, FileStatus.WAITING, Duration.ofSeconds(30));
      assertThat(waiting.problems())
          .singleElement()
          .asString()
          .startsWith("MongoDB did not answer: ");
      assertThat(waiting.documentsInMongo()).isNull();
      assertThat(http.retrieve("/api/files/" + loading)).contains("\"documents_in_mongo\":null");
      // Well past the settle timeout: still waiting, no MISMATCH, no alert for it.
      IntegrityEvent later =
          Poll.until(
              Duration.ofSeconds(60),
              () -> file(http, loading).orElseThrow(),
              f -> Instant.now().isAfter(down.plus(SETTLE.multipliedBy(2))));
      assertThat(later.status()).isEqualTo(FileStatus.WAITING);
      assertThat(alert(http, "MISMATCH/" + loading)).isEmpty();
    } finally {
      server.close();
    }
  }

  private static String markerOf(MongoCollection<Document> meta) {
    Document d = meta.find(new Document("_id", "store")).first();
    return d == null ? null : d.getString("marker");
  }

  private void publishFile(String file, List<BsonDocument> docs, int receipted) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EmbeddedKafka.producerConfig(kafka.bootstrapServers(), Map.of()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      send(producer, Topics.FILES, file, Fixtures.fileEvent(DISCOVERED, file, 0));
      send(producer, Topics.FILES, file, Fixtures.fileEvent(STARTED, file, 0));
      send(producer, Topics.FILES, file, Fixtures.fileEvent(COMPLETED, file, 10));
      send(
          producer,
          Topics.CLEAN_STATS,
          file + "/0",
          Fixtures.stats(file, 0, 10, 0, 0, Fixtures.digest(docs)));
      var receipt = Fixtures.receipt(0, 0, receipted - 1, file, receipted, 0, 0, null);
      send(producer, Topics.LOAD_RECEIPTS, receipt.key() + "/" + file, receipt);
      producer.flush();
    }
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value) {
    String name = topic.name(PREFIX);
    producer.send(
        new ProducerRecord<>(name, key, topic.valueSerde().serializer().serialize(name, value)));
  }

  private static Optional<IntegrityEvent> file(BlockingHttpClient http, String id) {
    return Arrays.stream(Json.fromJson(http.retrieve("/api/files"), IntegrityEvent[].class))
        .filter(f -> f.fileId().equals(id))
        .findFirst();
  }

  private static IntegrityEvent await(
      BlockingHttpClient http, String id, FileStatus status, Duration timeout) {
    return Poll.until(
            timeout, () -> file(http, id), f -> f.isPresent() && f.get().status() == status)
        .orElseThrow();
  }

  private static Optional<Alert> alert(BlockingHttpClient http, String id) {
    return Arrays.stream(Json.fromJson(http.retrieve("/api/alerts"), Alert[].class))
        .filter(a -> a.id().equals(id))
        .findFirst();
  }
}
