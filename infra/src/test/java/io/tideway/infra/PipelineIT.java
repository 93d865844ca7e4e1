package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tideway.contracts.json.Json;
import io.tideway.infra.deploy.GrafanaDashboard;
import io.tideway.infra.deploy.RepoFiles;
import io.tideway.infra.run.RunCommand;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.ServiceCatalog;
import io.tideway.infra.stack.StackSettings;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end on the real local stack: a KRaft broker process, the embedded
 * MongoDB-compatible server process and the four services as their own JVMs, built by the reactor
 * before this module. Checks the report and, with the MongoDB driver, the stored documents.
 */
class PipelineIT {

  /** The reference workload: 55,500 rows of which 534 exact duplicates. */
  private static final int ROWS = 55_500;

  private static final long DUPLICATES = 534;

  /** 127.0.0.1 as /proc/net/tcp and tcp6 spell it. */
  private static final Set<String> LOOPBACK =
      Set.of("0100007F", "0000000000000000FFFF00000100007F");

  private static LocalStackFixture fixture;
  private static StackSettings settings;
  private static Path state;

  @BeforeAll
  static void startStack() throws Exception {
    fixture = LocalStackFixture.start("it-state");
    settings = fixture.settings();
    state = fixture.state();
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aFileTravelsToMongoVerifiedAndASecondDropAddsNothing() throws Exception {
    Path file = state.resolve("admissions.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      new AdmissionsGenerator(ROWS, DUPLICATES, 42).write(out);
    }

    ObjectNode report = run(List.of(file, file));

    JsonNode first = report.path("files").get(0);
    JsonNode second = report.path("files").get(1);
    assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("VERIFIED");
    assertThat(first.path("rows_read").asLong()).isEqualTo(ROWS);
    assertThat(first.path("cleaned").asLong()).isEqualTo(ROWS - DUPLICATES);
    assertThat(first.path("duplicates").asLong()).isEqualTo(DUPLICATES);
    assertThat(first.path("rejected").asLong()).isZero();
    assertThat(first.path("documents_in_mongo").asLong()).isEqualTo(54_966);
    assertThat(first.path("documents_nonconforming").asLong())
        .isZero(); // every stored type matches the mapping
    assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("VERIFIED");
    assertThat(second.path("file_id").asText()).isNotEqualTo(first.path("file_id").asText());
    assertThat(second.path("duplicates").asLong()).isEqualTo(ROWS);
    assertThat(second.path("cleaned").asLong()).isZero();
    assertThat(second.path("documents_in_mongo").asLong()).isZero();
    assertThat(RunCommand.allVerified(report)).isTrue();

    try (MongoClient client = MongoClients.create(settings.mongoUri())) {
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      // Counted by file: another test of this class loads its own file into the same collection.
      assertThat(
              admissions.countDocuments(
                  Filters.eq("_source.file_id", first.path("file_id").asText())))
          .isEqualTo(ROWS - DUPLICATES);
      BsonDocument doc =
          admissions
              .find(Filters.eq("_source.file_id", first.path("file_id").asText()))
              .sort(Sorts.ascending("_source.row"))
              .first();
      assertThat(doc).isNotNull();
      assertThat(doc.getString("_id").getValue()).matches("[0-9a-f]{32}");
      BsonDocument patient = doc.getDocument("patient");
      String name = patient.getString("name").getValue();
      assertThat(Character.isUpperCase(name.charAt(0))).as(name).isTrue();
      assertThat(patient.get("age").getBsonType()).isEqualTo(BsonType.INT32);
      assertThat(doc.getDocument("medical").containsKey("condition")).isTrue();
      assertThat(doc.getDocument("facility").containsKey("hospital")).isTrue();
      assertThat(doc.getDocument("stay").get("admission_date").getBsonType())
          .isEqualTo(BsonType.DATE_TIME);
      assertThat(doc.getDocument("stay").get("length_of_stay_days").getBsonType())
          .isEqualTo(BsonType.INT32);
      assertThat(doc.get("billing_amount").getBsonType()).isEqualTo(BsonType.DECIMAL128);
      assertThat(doc.getDocument("_source").getString("file_id").getValue())
          .isEqualTo(first.path("file_id").asText());
      assertThat(doc.get("_quality").getBsonType()).isEqualTo(BsonType.ARRAY);
    }
    assertTheGrafanaDashboardReadsOnlyServedMetrics();
  }

  /**
   * A file with ten unreadable dates is VERIFIED with ten rejects, and the verifier gives back
   * exactly those rows with their line and value.
   */
  @Test
  void aFilesRejectedRowsComeBackFromTheApi() throws Exception {
    Set<Long> broken =
        new TreeSet<>(List.of(3L, 150L, 151L, 400L, 777L, 1000L, 1234L, 1500L, 1999L, 2000L));
    Path file = state.resolve("admissions-bad-dates.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      new BadDatesFile(2_000, 7, broken).write(out);
    }

    ObjectNode report = run(List.of(file));

    JsonNode result = report.path("files").get(0);
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("VERIFIED");
    assertThat(result.path("rejected").asLong()).isEqualTo(10);
    String id = result.path("file_id").asText();
    JsonNode rejects = getJson("/api/files/" + id + "/rejects");
    assertThat(rejects.path("total").asLong()).isEqualTo(10);
    List<Long> rows = new java.util.ArrayList<>();
    for (JsonNode item : rejects.path("items")) {
      rows.add(item.path("row").asLong());
      assertThat(item.path("line").asLong()).isEqualTo(item.path("row").asLong() + 1);
      assertThat(item.path("value").asText()).isEqualTo(BadDatesFile.BAD_DATE);
      assertThat(item.path("field").asText()).isEqualTo("Date of Admission");
      assertThat(item.path("reason").asText()).isNotBlank();
    }
    assertThat(rows).containsExactlyElementsOf(broken);
  }

  /** Like Kafka and MongoDB, the services' HTTP ports listen on the loopback interface only. */
  @Test
  void everyServiceListensOnLoopbackOnly() throws Exception {
    for (ServiceCatalog service : ServiceCatalog.values()) {
      int port = service.port(settings.httpPortBase());
      List<String> addresses = listeningAddresses(port);
      assertThat(addresses)
          .as(service.module() + " on port " + port)
          .isNotEmpty()
          .allMatch(LOOPBACK::contains, "127.0.0.1, as IPv4 or IPv4-mapped IPv6");
    }
  }

  /**
   * The local addresses of the sockets listening on {@code port}, as the kernel lists them in
   * /proc/net/tcp and tcp6 (hex, e.g. {@code 0100007F} = 127.0.0.1, {@code 00000000} = any).
   */
  private static List<String> listeningAddresses(int port) throws Exception {
    String hexPort = String.format(":%04X", port);
    List<String> addresses = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        boolean listening = f[3].equals("0A");
        if (listening && f[1].endsWith(hexPort)) {
          addresses.add(f[1].substring(0, f[1].indexOf(':')));
        }
      }
    }
    return addresses;
  }

  /**
   * Every metric the shipped Grafana dashboard queries is on some service's /prometheus after a
   * run.
   */
  private static void assertTheGrafanaDashboardReadsOnlyServedMetrics() throws Exception {
    Set<String> served = new TreeSet<>();
    HttpClient http = HttpClient.newHttpClient();
    for (ServiceCatalog service : ServiceCatalog.values()) {
      String url = "http://localhost:" + service.port(settings.httpPortBase()) + "/prometheus";
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      body.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .forEach(l -> served.add(l.split("[{ ]", 2)[0]));
    }
    Set<String> queried =
        GrafanaDashboard.metricNames(RepoFiles.file("infra/grafana/dashboards/tideway.json"));
    assertThat(queried).isNotEmpty();
    assertThat(served).as("metrics served by the four services").containsAll(queried);
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(settings.verifierUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  /** Drops the files into the running stack and waits for the verifier's verdict on each. */
  private static ObjectNode run(List<Path> files) throws Exception {
    return new RunCommand(
            settings.inbox(),
            new VerifierClient(settings.verifierUrl()),
            Duration.ofMinutes(5),
            System.err)
        .execute(files);
  }
}
