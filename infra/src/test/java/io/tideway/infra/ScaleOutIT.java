package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.topics.Topics;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.ManagedProcess;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.infra.stack.ServiceInstance;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on the real local stack ({@code --replicas 2}: two processes each of ingest, cleaner
 * and loader, an active and a standby verifier). One replica each of ingest, cleaner and loader is
 * killed -9 while it works on a 100,000-row file, the moments chosen from the verifier's progress;
 * the file still ends VERIFIED with its exact counts and documents (counted in MongoDB with the
 * driver) and never passes through MISMATCH. Then the active verifier is killed -9: the standby
 * takes over within 30 s, keeps the file VERIFIED, and verifies two copies of a file dropped at
 * once, which two ingest replicas may take at the same moment (ids ID and ID-2).
 */
class ScaleOutIT {

  private static final int REPLICAS = 2;
  private static final int ROWS = 100_000;
  private static final int TWIN_ROWS = 10_000;
  private static final String MAPPING = "healthcare-admissions";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static LocalStackFixture fixture;
  private static int base;

  @BeforeAll
  static void startStack() throws Exception {
    fixture = LocalStackFixture.startReplicated("it-state-scale-out", REPLICAS);
    base = fixture.settings().httpPortBase();
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void replicasKilledMidFileEndExactAndTheStandbyVerifierTakesOver() throws Exception {
    AdmissionsGenerator generator =
        new AdmissionsGenerator(ROWS, AdmissionsGenerator.duplicatesFor(ROWS, 0.00962), 11);
    long unique = generator.uniqueRows();
    try (MongoClient client = MongoClients.create(fixture.settings().mongoUri())) {
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      ServiceInstance verifier = activeVerifier();
      VerifierClient api = new VerifierClient(verifier.url(base));
      fixture.drop("scale-out.csv", generator::write);

      // ingest: kill the replica that claimed the file once it committed rows, before it completes.
      JsonNode atIngestKill =
          progress(api, "ingest past 20,000 rows", f -> f.path("rows_read").asLong() >= 20_000);
      ServiceInstance ingest = claimant("scale-out.csv");
      assertThat(atIngestKill.path("status").asText())
          .as("file still ingesting when its ingest dies")
          .isEqualTo("INGESTING");
      kill(ingest);

      // cleaner: kill the replica that cleaned more, once a third of the rows are cleaned.
      progress(api, "cleaner past a third", f -> f.path("cleaned").asLong() >= unique / 3);
      ServiceInstance cleaner = busiest(ServiceCatalog.CLEANER, "tideway_cleaner_rows_total");
      JsonNode atCleanerKill = kill(cleaner, api);
      assertThat(atCleanerKill.path("cleaned").asLong() + atCleanerKill.path("duplicates").asLong())
          .as("rows cleaned when the cleaner dies: mid-file")
          .isLessThan(ROWS);

      // loader: kill the replica that wrote more, once 60% of the documents are in.
      progress(api, "loader past 60%", f -> f.path("inserted").asLong() >= unique * 6 / 10);
      ServiceInstance loader = busiest(ServiceCatalog.LOADER, "tideway_loader_documents_total");
      JsonNode atLoaderKill = kill(loader, api);
      assertThat(atLoaderKill.path("inserted").asLong())
          .as("documents when the loader dies: mid-file")
          .isLessThan(unique);

      JsonNode file =
          progress(
              api, "scale-out.csv VERIFIED", f -> f.path("status").asText().equals("VERIFIED"));
      String id = file.path("file_id").asText();
      assertThat(file.path("rows_read").asLong()).as(file.toString()).isEqualTo(ROWS);
      assertThat(file.path("cleaned").asLong()).as(file.toString()).isEqualTo(unique);
      assertThat(file.path("duplicates").asLong()).as(file.toString()).isEqualTo(ROWS - unique);
      assertThat(file.path("rejected").asLong()).as(file.toString()).isZero();
      assertThat(admissions.countDocuments(Filters.eq("_source.file_id", id)))
          .as("documents in MongoDB")
          .isEqualTo(unique);
      assertThat(statusesPublished(id))
          .as("statuses of %s on the integrity topic", id)
          .doesNotContain(FileStatus.MISMATCH)
          .contains(FileStatus.VERIFIED);

      // The active verifier dies: the standby takes over within 30 s and the file stays VERIFIED.
      ServiceInstance standby =
          new ServiceInstance(ServiceCatalog.VERIFIER, 1 - verifier.replica());
      long killedAt = System.nanoTime();
      kill(verifier);
      Poll.until(
          Duration.ofSeconds(30),
          standby.name() + " reporting role active",
          () -> role(standby).equals("active"));
      long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
      System.out.printf("standby verifier active %d ms after the kill%n", takeoverMs);
      VerifierClient successor = new VerifierClient(standby.url(base));
      JsonNode after =
          Poll.until(
              Duration.ofSeconds(30),
              "the file on the new active verifier",
              () -> byName(successor, "scale-out.csv"),
              f -> f != null && f.path("documents_in_mongo").isNumber());
      assertThat(after.path("status").asText()).as(after.toString()).isEqualTo("VERIFIED");
      assertThat(after.path("documents_in_mongo").asLong()).isEqualTo(unique);

      // Two copies of one file at once, after the takeover: ids ID and ID-2, both verified by the
      // successor.
      AdmissionsGenerator twin = new AdmissionsGenerator(TWIN_ROWS, 0, 13);
      Path a = fixture.state().resolve("twin-a.csv");
      Path b = fixture.state().resolve("twin-b.csv");
      try (var out = Files.newOutputStream(a)) {
        twin.write(out);
      }
      Files.copy(a, b);
      Path mappingDir = Files.createDirectories(fixture.settings().inbox().resolve(MAPPING));
      Files.move(a, fixture.settings().inbox().resolve("twin.csv"), StandardCopyOption.ATOMIC_MOVE);
      Files.move(b, mappingDir.resolve("twin.csv"), StandardCopyOption.ATOMIC_MOVE);
      List<JsonNode> twins =
          Poll.until(
              Duration.ofMinutes(2),
              "both copies of twin.csv VERIFIED",
              () ->
                  successor.files().stream()
                      .filter(f -> f.path("file_name").asText().equals("twin.csv"))
                      .toList(),
              l ->
                  l.size() == 2
                      && l.stream().allMatch(f -> f.path("status").asText().equals("VERIFIED")));
      Set<String> ids = new TreeSet<>();
      twins.forEach(f -> ids.add(f.path("file_id").asText()));
      String first = ids.iterator().next();
      assertThat(ids).containsExactly(first, first + "-2");
      long cleaned = 0;
      long documents = 0;
      for (JsonNode f : twins) {
        assertThat(f.path("rows_read").asLong()).as(f.toString()).isEqualTo(TWIN_ROWS);
        assertThat(f.path("rejected").asLong()).as(f.toString()).isZero();
        cleaned += f.path("cleaned").asLong();
        documents +=
            admissions.countDocuments(Filters.eq("_source.file_id", f.path("file_id").asText()));
        assertThat(statusesPublished(f.path("file_id").asText()))
            .doesNotContain(FileStatus.MISMATCH);
      }
      assertThat(cleaned)
          .as("each row of the copies cleaned once, in one file or the other")
          .isEqualTo(twin.uniqueRows());
      assertThat(documents).as("documents of both copies in MongoDB").isEqualTo(twin.uniqueRows());
      assertThat(statusesPublished(id))
          .as("after the takeover")
          .doesNotContain(FileStatus.MISMATCH);
    }
  }

  /** Polls the verifier until the file satisfies {@code done}; fails at once on a MISMATCH. */
  private static JsonNode progress(
      VerifierClient api, String what, java.util.function.Predicate<JsonNode> done) {
    return Poll.until(
        Duration.ofMinutes(3),
        what,
        () -> {
          JsonNode f = byName(api, "scale-out.csv");
          if (f != null && f.path("status").asText().equals("MISMATCH")) {
            throw new AssertionError("MISMATCH on the way: " + f);
          }
          return f;
        },
        f -> f != null && done.test(f));
  }

  private static JsonNode byName(VerifierClient api, String name) {
    return api.files().stream()
        .filter(f -> f.path("file_name").asText().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** The ingest replica whose work dir holds the file in processing/. */
  private static ServiceInstance claimant(String name) {
    for (int r = 0; r < REPLICAS; r++) {
      // Dropped into the inbox itself: claimed under the folder of files whose header picks the
      // mapping.
      Path claimed =
          fixture
              .stack()
              .layout()
              .ingestWork(r)
              .resolve("processing")
              .resolve(io.tideway.contracts.mapping.MappingCatalog.BY_HEADER)
              .resolve(name);
      if (Files.exists(claimed)) {
        return new ServiceInstance(ServiceCatalog.INGEST, r);
      }
    }
    throw new AssertionError(
        name + " is in no ingest replica's processing/: it completed before the kill");
  }

  /**
   * The replica of {@code service} whose counter {@code metric} is highest (it does the work now).
   */
  private static ServiceInstance busiest(ServiceCatalog service, String metric) {
    ServiceInstance best = new ServiceInstance(service, 0);
    double most = -1;
    for (int r = 0; r < REPLICAS; r++) {
      ServiceInstance i = new ServiceInstance(service, r);
      double n = LocalStackFixture.metric(get(i.url(base) + "/prometheus"), metric);
      if (n > most) {
        most = n;
        best = i;
      }
    }
    return best;
  }

  /**
   * Reads the file's progress, then kills the instance at once; returns the progress read just
   * before.
   */
  private static JsonNode kill(ServiceInstance instance, VerifierClient api) {
    JsonNode before = byName(api, "scale-out.csv");
    kill(instance);
    return before;
  }

  /** kill -9, then waits until the watchdog started the instance again. */
  private static void kill(ServiceInstance instance) {
    ManagedProcess p = fixture.stack().process(instance.name()).orElseThrow();
    long killed = p.pid();
    ProcessHandle handle = ProcessHandle.of(killed).orElseThrow();
    handle.destroyForcibly(); // SIGKILL
    handle.onExit().join();
    System.out.printf("killed %s (PID %d)%n", instance.name(), killed);
    Poll.until(
        Duration.ofSeconds(60),
        "the watchdog restarting " + instance.name(),
        () -> p.isAlive() && p.pid() != killed);
  }

  /** The verifier replica that holds the lease now. */
  private static ServiceInstance activeVerifier() {
    return Poll.until(
        Duration.ofSeconds(60),
        "one verifier reporting role active",
        () -> {
          for (int r = 0; r < REPLICAS; r++) {
            ServiceInstance v = new ServiceInstance(ServiceCatalog.VERIFIER, r);
            if (role(v).equals("active")) {
              return v;
            }
          }
          return null;
        },
        v -> v != null);
  }

  /** {@code active}, {@code standby}, or {@code unknown} while the instance does not answer. */
  private static String role(ServiceInstance verifier) {
    String body = get(verifier.healthUrl(base));
    return body.contains("\"role\":\"active\"")
        ? "active"
        : body.contains("\"role\":\"standby\"") ? "standby" : "unknown";
  }

  private static String get(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Every status the verifiers published for the file on the integrity topic, read to its end. */
  private static List<FileStatus> statusesPublished(String fileId) {
    String topic = Topics.INTEGRITY.name(fixture.settings().topicPrefix());
    List<FileStatus> statuses = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                fixture.settings().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (fileId.equals(r.key()) && r.value() != null) {
            IntegrityEvent e =
                Topics.INTEGRITY.valueSerde().deserializer().deserialize(topic, r.value());
            statuses.add(e.status());
          }
        }
      }
      assertThat(parts).allMatch(p -> consumer.position(p) >= end.get(p));
    }
    return statuses;
  }
}
