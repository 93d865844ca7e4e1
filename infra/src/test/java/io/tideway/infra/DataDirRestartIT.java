package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code up --data-dir DIR} twice: the first stack is stopped (in order, as on Ctrl-C) while a file
 * is half-way through, the second one on the same DIR resumes it from the store, the Kafka logs,
 * the cleaner state and the claimed file it finds there, and the file ends VERIFIED with every
 * unique row stored once, counted in MongoDB with the driver.
 */
class DataDirRestartIT {

  // The H2 store is the slow part here; 30,000 rows still span six ingest transactions.
  private static final int ROWS = 30_000;

  @Test
  void aSecondStackOnTheSameDataDirResumesAHalfDoneFileExactly() throws Exception {
    Path state = Path.of("target", "it-state-data-dir").toAbsolutePath();
    LocalStackFixture.deleteTree(state);
    Layout layout = new Layout(LocalStackFixture.home(), state).withDataDir(state.resolve("data"));
    int kafkaPort = LocalStackFixture.freeRange(2);
    int mongoPort = LocalStackFixture.freePort();
    int httpBase = LocalStackFixture.freeRange(4);
    AdmissionsGenerator generator =
        new AdmissionsGenerator(ROWS, AdmissionsGenerator.duplicatesFor(ROWS, 0.00962), 11);
    long unique = generator.uniqueRows();

    try (LocalStackFixture first =
        LocalStackFixture.start(layout, kafkaPort, mongoPort, httpBase)) {
      first.drop("resumed.csv", generator::write);
      Poll.until(
          Duration.ofMinutes(2),
          "ingest committing the file's first rows",
          () ->
              LocalStackFixture.metric(
                      first.prometheus(ServiceCatalog.INGEST), "tideway_ingest_rows_total")
                  > 0);
    } // stopped in order (services, Kafka, MongoDB) while the file is half-way through

    Path claimed =
        layout
            .ingestWork()
            .resolve("processing")
            .resolve(io.tideway.contracts.mapping.MappingCatalog.BY_HEADER)
            .resolve("resumed.csv");
    assertThat(List.of(claimed, layout.ingestWork().resolve("archive")))
        .as("the file is claimed or archived, never lost")
        .anyMatch(Files::exists);
    assertThat(layout.kafka().resolve("data/meta.properties")).exists();
    assertThat(layout.mongoData().resolve("tideway.mv")).exists();

    try (LocalStackFixture second =
        LocalStackFixture.start(layout, kafkaPort, mongoPort, httpBase)) {
      VerifierClient verifier = new VerifierClient(second.settings().verifierUrl());
      JsonNode file =
          Poll.until(
              Duration.ofMinutes(8),
              "resumed.csv VERIFIED",
              () ->
                  verifier.files().stream()
                      .filter(f -> f.path("file_name").asText().equals("resumed.csv"))
                      .findFirst()
                      .orElse(null),
              f -> f != null && f.path("status").asText().equals("VERIFIED"));
      assertThat(file.path("rows_read").asLong()).as(file.toString()).isEqualTo(ROWS);
      assertThat(file.path("cleaned").asLong()).as(file.toString()).isEqualTo(unique);
      assertThat(verifier.files()).as("one file, not a second copy of it").hasSize(1);
      try (MongoClient client = MongoClients.create(second.settings().mongoUri())) {
        assertThat(client.getDatabase("tideway").getCollection("admissions").countDocuments())
            .as("documents counted in MongoDB")
            .isEqualTo(unique);
      }
    }
  }
}
