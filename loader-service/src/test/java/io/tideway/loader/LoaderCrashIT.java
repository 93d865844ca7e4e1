package io.tideway.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.topics.Topics;
import io.tideway.loader.support.CleanedDocs;
import io.tideway.loader.support.TopicReader;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import io.tideway.testkit.Poll;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a loader JVM in the middle of a load, then a restart: nothing lost, nothing doubled.
 */
class LoaderCrashIT {

  private static final int DOCUMENTS = 30_000;
  private static final String PREFIX = "crash.";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void killMinusNineMidLoadThenRestartGivesTheUninterruptedResult() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedMongo mongo = EmbeddedMongo.start();
        MongoClient client = MongoClients.create(mongo.uri());
        TopicReader<LoadReceipt> receipts =
            new TopicReader<>(
                kafka.bootstrapServers(),
                Topics.LOAD_RECEIPTS.name(PREFIX),
                v -> Json.fromBytes(v, LoadReceipt.class))) {
      kafka.createTopics(PREFIX, 3);
      List<BsonDocument> docs =
          IntStream.range(0, DOCUMENTS)
              .mapToObj(i -> CleanedDocs.doc("crash-" + i, "F1", i))
              .toList();
      CleanedDocs.send(
          kafka.bootstrapServers(),
          docs.stream().map(d -> CleanedDocs.record(PREFIX, d, "F1")).toList());
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);

      Process first = startLoader(kafka, mongo, "first");
      Poll.until(WAIT, "a first part of the load", () -> admissions.countDocuments() >= 2_000);
      first.destroyForcibly().waitFor();
      long atKill = admissions.countDocuments();

      Process second = startLoader(kafka, mongo, "second");
      try {
        Poll.equal(
            WAIT,
            "documents stored after the restart",
            (long) DOCUMENTS,
            admissions::countDocuments);
        Poll.equal(
            WAIT,
            "documents accounted for by receipts",
            (long) DOCUMENTS,
            () -> sum(receipts.all(), f -> f.inserted() + f.matched() + f.failed()));
      } finally {
        second.destroy();
        second.waitFor();
      }
      assertThat(atKill).as("killed mid-load").isLessThan(DOCUMENTS);
      List<LoadReceipt> all = receipts.all();
      assertThat(sum(all, LoadReceipt.FileLoad::inserted)).isEqualTo(DOCUMENTS);
      assertThat(sum(all, LoadReceipt.FileLoad::matched)).isZero();
      LoaderIT.assertNoOffsetCoveredTwice(all);
      ContentDigest expected = new ContentDigest();
      docs.forEach(expected::add);
      ContentDigest stored = new ContentDigest();
      admissions.find().forEach(stored::add);
      assertThat(stored.hex())
          .as("stored documents equal the uninterrupted result")
          .isEqualTo(expected.hex());
    }
  }

  private static long sum(
      List<LoadReceipt> receipts, java.util.function.ToLongFunction<LoadReceipt.FileLoad> f) {
    return receipts.stream().flatMap(r -> r.files().values().stream()).mapToLong(f).sum();
  }

  private static Process startLoader(EmbeddedKafka kafka, EmbeddedMongo mongo, String name)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dmicronaut.server.port=-1",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dtideway.mongo.uri=" + mongo.uri(),
                "-Dtideway.topic-prefix=" + PREFIX,
                "-Dtideway.loader.batch-size=500",
                "-Dtideway.loader.session-timeout=6s",
                "io.tideway.loader.Application"));
    File log = new File("target/loader-crash-" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    pb.environment().put("TIDEWAY_SERVICE", "loader-" + name);
    return pb.start();
  }
}
