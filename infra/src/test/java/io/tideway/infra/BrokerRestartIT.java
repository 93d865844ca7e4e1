package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.ManagedProcess;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.testkit.Poll;
import java.time.Duration;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the Kafka broker in the middle of a file, twice: while ingest reads it, and while the
 * loader writes it. The stack's watchdog starts the broker again on its log directory, every
 * service resumes, and the file still ends VERIFIED with each of its unique rows stored once —
 * counted in MongoDB with the driver, not taken from the verifier's word.
 */
class BrokerRestartIT {

  private static final int ROWS = 60_000;

  private static LocalStackFixture fixture;

  @BeforeAll
  static void startStack() throws Exception {
    fixture = LocalStackFixture.start("it-state-broker-restart");
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aBrokerKilledMidFileIsRestartedAndTheFileEndsExact() throws Exception {
    AdmissionsGenerator generator =
        new AdmissionsGenerator(ROWS, AdmissionsGenerator.duplicatesFor(ROWS, 0.00962), 7);
    long unique = generator.uniqueRows();
    VerifierClient verifier = new VerifierClient(fixture.settings().verifierUrl());
    try (MongoClient client = MongoClients.create(fixture.settings().mongoUri())) {
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      fixture.drop("broker-restart.csv", generator::write);

      // Ingest reads the file for a few seconds: kill once it has committed rows, before it
      // completes.
      String metrics =
          Poll.until(
              Duration.ofMinutes(2),
              "ingest committing the file's first rows",
              () -> fixture.prometheus(ServiceCatalog.INGEST),
              m -> LocalStackFixture.metric(m, "tideway_ingest_rows_total") > 0);
      assertThat(
              LocalStackFixture.metric(metrics, "tideway_ingest_files_total{outcome=\"completed\""))
          .as("files completed")
          .isZero();
      killBrokerAndAwaitItsRestart();

      long loadedBeforeKill =
          Poll.until(
              Duration.ofMinutes(3),
              "the loader writing the file's first documents",
              admissions::countDocuments,
              n -> n > 0);
      assertThat(loadedBeforeKill)
          .as("documents when the broker dies: the file is mid-way")
          .isLessThan(unique);
      killBrokerAndAwaitItsRestart();

      JsonNode file =
          Poll.until(
              Duration.ofMinutes(8),
              "broker-restart.csv VERIFIED",
              () ->
                  verifier.files().stream()
                      .filter(f -> f.path("file_name").asText().equals("broker-restart.csv"))
                      .findFirst()
                      .orElse(null),
              f -> f != null && f.path("status").asText().equals("VERIFIED"));

      assertThat(file.path("rows_read").asLong()).as(file.toString()).isEqualTo(ROWS);
      assertThat(file.path("cleaned").asLong()).as(file.toString()).isEqualTo(unique);
      assertThat(file.path("duplicates").asLong()).as(file.toString()).isEqualTo(ROWS - unique);
      assertThat(admissions.countDocuments()).as("documents counted in MongoDB").isEqualTo(unique);
    }
  }

  private static void killBrokerAndAwaitItsRestart() {
    ManagedProcess kafka = fixture.stack().process("kafka").orElseThrow();
    long killed = kafka.pid();
    ProcessHandle broker = ProcessHandle.of(killed).orElseThrow();
    broker.destroyForcibly(); // SIGKILL
    broker.onExit().join();
    Poll.until(
        Duration.ofSeconds(60),
        "the watchdog restarting the broker",
        () -> kafka.isAlive() && kafka.pid() != killed);
  }
}
