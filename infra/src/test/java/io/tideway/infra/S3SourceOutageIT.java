package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.testkit.Poll;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 source on the real local stack, pointed at S3Proxy running as its own process: killed with
 * {@code kill -9}, the endpoint is named by an open {@code SOURCE_UNREACHABLE} alert within 30 s
 * (ingest's default 10 s poll); started again on the same port and storage, the alert resolves, and
 * an object that reached the bucket meanwhile is ingested and VERIFIED with every document.
 */
class S3SourceOutageIT {

  static final String BUCKET = "drops";
  static final String PREFIX = "in/";
  static final String SOURCE = "s3://" + BUCKET + "/" + PREFIX;
  static final String ALERT = "SOURCE_UNREACHABLE/" + SOURCE;
  private static final int ROWS = 5_000;
  private static final List<String> PIPELINE_UP =
      List.of("ingest-service UP", "cleaner-streams UP", "loader-service UP");

  private static S3ProxyProcess s3;
  private static LocalStackFixture fixture;
  private static VerifierApi api;

  @BeforeAll
  static void startStack() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    s3 = S3ProxyProcess.start(target.resolve("it-s3-outage-s3"));
    // The bucket exists before ingest first lists it: a missing bucket is an outage too.
    Path probe = Files.createTempFile(target, "s3-outage-", ".csv");
    Files.writeString(probe, "not under the prefix\n");
    s3.put(BUCKET, "elsewhere/readme.txt", probe);
    fixture = LocalStackFixture.start("it-s3-outage", s3.ingestEnvironment(BUCKET, PREFIX));
    api = new VerifierApi(fixture.settings().verifierUrl());
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aKilledEndpointIsNamedWithin30sAndAFileUploadedMeanwhileIsVerifiedAfterItReturns()
      throws Exception {
    Poll.until(
        Duration.ofSeconds(90),
        "ingest, cleaner, loader UP and " + SOURCE + " UP",
        api::health,
        h ->
            VerifierApi.serviceStates(h).containsAll(PIPELINE_UP)
                && VerifierApi.sourceState(h, SOURCE).equals("UP"));
    assertThat(api.alertState(ALERT)).as("no outage before the kill").isIn("NONE", "RESOLVED");

    List<String> states = new ArrayList<>();
    long killed = System.nanoTime();
    s3.kill9();
    JsonNode open =
        Poll.until(
            Duration.ofSeconds(60),
            "an open " + ALERT,
            () -> api.alert(ALERT),
            a -> a != null && a.path("state").asText().equals("OPEN"));
    long namedMs = (System.nanoTime() - killed) / 1_000_000;
    states.add("OPEN");
    assertThat(open.path("severity").asText()).isEqualTo("WARNING");
    assertThat(open.path("message").asText()).contains(SOURCE, "cannot be read", "polling failed");
    assertThat(VerifierApi.sourceState(api.health(), SOURCE)).isEqualTo("DOWN");

    // An object reaches the bucket while ingest cannot list it.
    Path csv = fixture.state().resolve("while-down.csv");
    try (OutputStream out = Files.newOutputStream(csv)) {
      new AdmissionsGenerator(ROWS, 0, 23).write(out);
    }
    s3.put(BUCKET, PREFIX + "while-down.csv", csv);
    states.add(api.alertState(ALERT));
    assertThat(api.file("while-down.csv")).as("nothing read from a dead endpoint").isNull();

    long restarted = System.nanoTime();
    s3.restart();
    long answersMs = (System.nanoTime() - restarted) / 1_000_000;
    long back = System.nanoTime();
    JsonNode resolved =
        Poll.until(
            Duration.ofSeconds(60),
            ALERT + " resolved",
            () -> {
              JsonNode a = api.alert(ALERT);
              states.add(a.path("state").asText());
              return a;
            },
            a -> a.path("state").asText().equals("RESOLVED"));
    long resolvedMs = (System.nanoTime() - back) / 1_000_000;
    assertThat(resolved.path("message").asText()).isEqualTo("source " + SOURCE + " is UP");
    assertThat(states).as("opened once, resolved once").containsSubsequence("OPEN", "RESOLVED");
    assertThat(states.subList(0, states.indexOf("RESOLVED"))).containsOnly("OPEN");

    JsonNode verified =
        Poll.until(
            Duration.ofMinutes(3),
            "while-down.csv VERIFIED",
            () -> api.file("while-down.csv"),
            f -> f != null && f.path("status").asText().equals("VERIFIED"));
    assertThat(verified.path("rows_read").asLong()).isEqualTo(ROWS);
    assertThat(verified.path("documents_in_mongo").asLong()).isEqualTo(ROWS);
    try (MongoClient client = MongoClients.create(fixture.settings().mongoUri())) {
      long documents =
          client
              .getDatabase("tideway")
              .getCollection("admissions", BsonDocument.class)
              .countDocuments(Filters.eq("_source.file_id", verified.path("file_id").asText()));
      assertThat(documents).as("documents counted with the driver").isEqualTo(ROWS);
    }
    assertThat(api.alertState(ALERT)).isEqualTo("RESOLVED");
    System.out.printf(
        "S3SourceOutageIT: S3 endpoint killed -9, SOURCE_UNREACHABLE open after %d ms; S3Proxy"
            + " answered again %d ms after its restart, alert resolved %d ms after that;"
            + " while-down.csv (%d rows) VERIFIED, %d documents counted%n",
        namedMs, answersMs, resolvedMs, ROWS, ROWS);
    assertThat(namedMs).as("ms from the kill to the open alert").isLessThanOrEqualTo(30_000);
  }
}
