package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIT {

  static final String PREFIX = "it.";
  static final String HEADER =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,Hospital,"
          + "Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results";
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  EmbeddedKafka kafka;
  ApplicationContext app;
  Path inbox;
  Path work;

  @BeforeAll
  void start() {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(PREFIX, 3);
    inbox = tmp.resolve("inbox");
    work = tmp.resolve("work");
    app =
        ApplicationContext.run(
            Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "tideway.topic-prefix", PREFIX,
                "tideway.ingest.inbox", inbox.toString(),
                "tideway.ingest.work-dir", work.toString(),
                "tideway.ingest.scan-interval", "100ms",
                "tideway.ingest.stable-for", "200ms",
                "tideway.ingest.transaction-rows", "2",
                "tideway.ingest.progress-every", "2",
                "tideway.admin.token", "s3cret",
                "micronaut.server.port", "-1"));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void smallFileReachesRawWithEventsAndIsArchived() throws Exception {
    String csv =
        HEADER
            + "\r\n"
            + "Bobby JacksOn,30,Male,B-,Cancer,2024-01-31,Matthew Smith,\"Sons and Miller, Inc\",Blue Cross,"
            + "18856.28,328,Urgent,2024-02-02,Paracetamol,Normal\r\n"
            + "\r\n"
            + "LesLie TErRy,62,Male,A+,Obesity,2019-08-20,Samantha Davies,Kim Inc,Medicare,33643.32,265,Emergency,"
            + "2019-08-26,\"Ibu\"\"profen\",Inconclusive\r\n"
            + "Short,Row\r\n";
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    drop(inbox.resolve("admissions.csv"), bytes);

    Path archived =
        Poll.value(
            WAIT, "archive", () -> find(work.resolve("archive"), "admissions.csv").orElse(null));
    assertThat(archived.getParent().getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
    String fileId = archived.getFileName().toString().split("_")[0];

    List<FileEvent> events = eventsOf(fileId, FileEventType.COMPLETED);
    assertThat(events)
        .extracting(FileEvent::type)
        .containsSubsequence(
            FileEventType.DISCOVERED,
            FileEventType.STARTED,
            FileEventType.PROGRESS,
            FileEventType.COMPLETED);
    FileEvent done = events.get(events.size() - 1);
    assertThat(done.rows()).isEqualTo(3);
    assertThat(done.bytes()).isEqualTo(bytes.length);
    assertThat(done.sha256()).isEqualTo(sha256(bytes));
    assertThat(done.header()).hasSize(15).startsWith("Name");
    assertThat(done.mapping()).isEqualTo("healthcare-admissions");
    // Dropped into the inbox itself: the source is its path in the inbox, not in the work dir.
    assertThat(done.source()).isEqualTo("admissions.csv");

    TopicContents.RawFile raw = TopicContents.rawFile(kafka.bootstrapServers(), PREFIX, fileId);
    assertThat(raw.headers()).as("the header on each raw partition").hasSize(3);
    RawRow header = raw.header();
    assertThat(header.columns()).startsWith("Name", "Age", "Gender");
    assertThat(header.mapping()).isEqualTo("healthcare-admissions");
    List<RawRow> rows = raw.rows();
    assertThat(rows).extracting(RawRow::row).containsExactly(1L, 2L, 3L);
    assertThat(rows).extracting(RawRow::line).containsExactly(2L, 4L, 5L);
    assertThat(rows.get(0).values().get(header.columns().indexOf("Name")))
        .isEqualTo("Bobby JacksOn");
    assertThat(rows.get(0).values().get(header.columns().indexOf("Hospital")))
        .isEqualTo("Sons and Miller, Inc");
    assertThat(rows.get(0).error()).isNull();
    assertThat(rows.get(1).values().get(header.columns().indexOf("Medication")))
        .isEqualTo("Ibu\"profen");
    assertThat(rows.get(2).error().rule()).isEqualTo("csv.field_count");
    assertThat(rows.get(2).error().message()).contains("line 5").contains("expected 15");
    assertThat(rows.get(0).ingestedAt()).isNotNull();
    assertThat(Files.exists(inbox.resolve("admissions.csv"))).isFalse();
  }

  @Test
  void reDropOfACompletedFileGetsASuffixedId() throws Exception {
    byte[] bytes =
        (HEADER + "\n" + "A,1,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal\n")
            .getBytes(StandardCharsets.UTF_8);
    drop(inbox.resolve("again.csv"), bytes);
    Path first =
        Poll.value(
            WAIT, "first archive", () -> find(work.resolve("archive"), "again.csv").orElse(null));
    String id = first.getFileName().toString().split("_")[0];
    drop(inbox.resolve("again.csv"), bytes);
    Poll.value(
        WAIT,
        "second archive",
        () -> find(work.resolve("archive"), id + "-2_again.csv").orElse(null));
    assertThat(eventsOf(id + "-2", FileEventType.COMPLETED))
        .last()
        .extracting(FileEvent::rows)
        .isEqualTo(1L);
  }

  @Test
  void gzipFileInAMappingFolderIsIngested() throws Exception {
    Path gz = tmp.resolve("rows.csv.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          (HEADER + "\r\nA,1,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(inbox.resolve("healthcare-admissions"));
    drop(inbox.resolve("healthcare-admissions/rows.csv.gz"), Files.readAllBytes(gz));
    Path archived =
        Poll.value(
            WAIT, "archive", () -> find(work.resolve("archive"), "rows.csv.gz").orElse(null));
    String id = archived.getFileName().toString().split("_")[0];
    assertThat(eventsOf(id, FileEventType.COMPLETED))
        .last()
        .extracting(FileEvent::rows)
        .isEqualTo(1L);
  }

  @Test
  void unknownMappingFolderFailsTheFile() throws Exception {
    Files.createDirectories(inbox.resolve("no-such-mapping"));
    drop(inbox.resolve("no-such-mapping/x.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    Path errorJson = work.resolve("error/x.csv.error.json");
    Poll.value(WAIT, "error json", () -> Files.exists(errorJson));
    assertThat(Files.exists(work.resolve("error/x.csv"))).isTrue();
    Map<?, ?> why = Json.fromBytes(Files.readAllBytes(errorJson), Map.class);
    assertThat((String) why.get("reason")).contains("unknown mapping 'no-such-mapping'");
    String id = (String) why.get("file_id");
    FileEvent failed =
        eventsOf(id, FileEventType.FAILED).get(eventsOf(id, FileEventType.FAILED).size() - 1);
    assertThat(failed.reason()).contains("no-such-mapping");
  }

  @Test
  void headerWithoutRequiredColumnsFailsNamingThem() throws Exception {
    drop(inbox.resolve("partial.csv"), "Name,Age\nA,1\n".getBytes(StandardCharsets.UTF_8));
    Path errorJson = work.resolve("error/partial.csv.error.json");
    Poll.value(WAIT, "error json", () -> Files.exists(errorJson));
    Map<?, ?> why = Json.fromBytes(Files.readAllBytes(errorJson), Map.class);
    assertThat((String) why.get("reason"))
        .contains("Gender")
        .contains("Blood Type")
        .doesNotContain("Age,");
    List<FileEvent> events = eventsOf((String) why.get("file_id"), FileEventType.FAILED);
    assertThat(events).extracting(FileEvent::type).doesNotContain(FileEventType.COMPLETED);
  }

  @Test
  void emptyAndHeaderOnlyFilesCompleteWithZeroRows() throws Exception {
    drop(inbox.resolve("empty.csv"), new byte[0]);
    drop(inbox.resolve("header-only.csv"), (HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String name : List.of("empty.csv", "header-only.csv")) {
      Path archived =
          Poll.value(
              WAIT, "archive " + name, () -> find(work.resolve("archive"), name).orElse(null));
      String id = archived.getFileName().toString().split("_")[0];
      assertThat(eventsOf(id, FileEventType.COMPLETED))
          .last()
          .extracting(FileEvent::rows)
          .isEqualTo(0L);
    }
  }

  @Test
  void ignoredNamesStayInTheInbox() throws Exception {
    drop(inbox.resolve("upload.csv.part"), "a\n".getBytes(StandardCharsets.UTF_8));
    drop(inbox.resolve("marker.csv"), (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    Poll.value(
        WAIT, "marker archived", () -> find(work.resolve("archive"), "marker.csv").orElse(null));
    assertThat(Files.exists(inbox.resolve("upload.csv.part"))).isTrue();
  }

  @Test
  void corruptGzipFailsTheFileWithoutStoppingIngest() throws Exception {
    drop(inbox.resolve("broken.csv.gz"), "this is not gzip".getBytes(StandardCharsets.UTF_8));
    Path errorJson = work.resolve("error/broken.csv.gz.error.json");
    Poll.value(WAIT, "error json", () -> Files.exists(errorJson));
    Map<?, ?> why = Json.fromBytes(Files.readAllBytes(errorJson), Map.class);
    assertThat((String) why.get("reason"))
        .startsWith("cannot read the file")
        .contains("not gzip", "rename it");
    drop(inbox.resolve("after-broken.csv"), (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    Poll.value(
        WAIT,
        "next file archived",
        () -> find(work.resolve("archive"), "after-broken.csv").orElse(null));
  }

  @Test
  void healthAndPrometheusAreServed() throws Exception {
    EmbeddedServer server = app.getBean(EmbeddedServer.class);
    if (!server.isRunning()) {
      server.start();
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        Poll.value(
            WAIT,
            "health UP",
            () -> {
              HttpResponse<String> r = get(http, server.getURI().resolve("/health"));
              return r.statusCode() == 200 && r.body().contains("UP") ? r : null;
            });
    assertThat(health.body()).contains("\"ingest\"");
    HttpResponse<String> prometheus = get(http, server.getURI().resolve("/prometheus"));
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("tideway_ingest_rows_total");
  }

  @Test
  void replayRepublishesTheRowsOnceUnderANewIdWithTheFullLifecycle() throws Exception {
    byte[] bytes =
        (HEADER
                + "\n"
                + "A,1,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal\n"
                + "B,2,Female,B+,C,2024-01-01,D,H,I,2,2,Urgent,2024-01-02,M,Normal\n"
                + "Short,Row\n")
            .getBytes(StandardCharsets.UTF_8);
    drop(inbox.resolve("replayed.csv"), bytes);
    Path archived =
        Poll.value(
            WAIT, "archive", () -> find(work.resolve("archive"), "replayed.csv").orElse(null));
    String id = archived.getFileName().toString().split("_")[0];
    eventsOf(id, FileEventType.COMPLETED);
    EmbeddedServer server = app.getBean(EmbeddedServer.class);
    if (!server.isRunning()) {
      server.start();
    }
    HttpClient http = HttpClient.newHttpClient();

    assertThat(
            post(http, server.getURI().resolve("/api/files/" + id + "/replay"), null).statusCode())
        .isEqualTo(401);
    assertThat(
            post(http, server.getURI().resolve("/api/files/" + id + "/replay"), "wrong")
                .statusCode())
        .isEqualTo(401);
    assertThat(post(http, server.getURI().resolve("/api/files/nope/replay"), "s3cret").statusCode())
        .isEqualTo(404);
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      RowEnvelope partial =
          new RowEnvelope(
              RowEnvelope.SCHEMA,
              "partial",
              "partial.csv",
              "healthcare-admissions",
              1,
              2,
              Map.of("Name", "A"),
              null,
              java.time.Instant.now());
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  Topics.RAW.name(PREFIX), "partial", Json.toBytes(partial)))
          .get();
    }
    assertThat(
            post(http, server.getURI().resolve("/api/files/partial/replay"), "s3cret").statusCode())
        .as("rows without COMPLETED")
        .isEqualTo(409);

    HttpResponse<String> first =
        post(http, server.getURI().resolve("/api/files/" + id + "/replay"), "s3cret");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(first.body()).path("file_id").asText()).isEqualTo(id + "-r1");
    assertThat(Json.MAPPER.readTree(first.body()).path("rows").asLong()).isEqualTo(3);
    HttpResponse<String> second =
        post(http, server.getURI().resolve("/api/files/" + id + "/replay"), "s3cret");
    assertThat(Json.MAPPER.readTree(second.body()).path("file_id").asText()).isEqualTo(id + "-r2");

    List<FileEvent> events = eventsOf(id + "-r1", FileEventType.COMPLETED);
    assertThat(events)
        .extracting(FileEvent::type)
        .containsExactly(FileEventType.DISCOVERED, FileEventType.STARTED, FileEventType.COMPLETED);
    FileEvent done = events.get(2);
    assertThat(done.rows()).isEqualTo(3);
    assertThat(done.sha256()).isEqualTo(sha256(bytes));
    assertThat(done.source()).isEqualTo("replay:" + id);
    assertThat(done.fileName()).isEqualTo("replayed.csv");
    assertThat(done.mapping()).isEqualTo("healthcare-admissions");

    TopicContents.RawFile original = TopicContents.rawFile(kafka.bootstrapServers(), PREFIX, id);
    TopicContents.RawFile replayedRaw =
        TopicContents.rawFile(kafka.bootstrapServers(), PREFIX, id + "-r1");
    // The replay sends the new file's own header records, with the original's columns.
    assertThat(replayedRaw.headers()).hasSize(3);
    assertThat(replayedRaw.header().columns()).isEqualTo(original.header().columns());
    assertThat(replayedRaw.header().fileName()).isEqualTo("replayed.csv");
    List<RawRow> replayed = replayedRaw.rows();
    assertThat(replayed).extracting(RawRow::row).containsExactly(1L, 2L, 3L);
    assertThat(replayed)
        .extracting(RawRow::values)
        .containsExactlyElementsOf(original.rows().stream().map(RawRow::values).toList());
    assertThat(replayed.get(2).error().rule()).isEqualTo("csv.field_count");
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Events of a file once one of type {@code last} is visible. */
  private List<FileEvent> eventsOf(String fileId, FileEventType last) {
    return Poll.value(
        WAIT,
        last + " of " + fileId,
        () -> {
          List<FileEvent> events =
              TopicContents.values(kafka.bootstrapServers(), Topics.FILES, PREFIX).stream()
                  .filter(e -> e.fileId().equals(fileId))
                  .toList();
          return events.stream().anyMatch(e -> e.type() == last) ? events : null;
        });
  }

  private void drop(Path target, byte[] bytes) throws IOException {
    // Written under an ignored name, then renamed: a half-written file is never seen.
    Files.createDirectories(target.getParent());
    if (target.getFileName().toString().endsWith(".part")) {
      Files.write(target, bytes);
      return;
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Files.write(part, bytes);
    Files.move(part, target);
  }

  private static Optional<Path> find(Path root, String suffix) {
    if (!Files.exists(root)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(
              p ->
                  p.getFileName().toString().endsWith("_" + suffix)
                      || p.getFileName().toString().equals(suffix))
          .filter(Files::isRegularFile)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
