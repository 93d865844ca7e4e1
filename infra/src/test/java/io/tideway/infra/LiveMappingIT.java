package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.infra.cli.Pipeline;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.StackSettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.mapping.MappingFeed;
import io.tideway.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's done-when on the real stack: a file is loaded with the built-in mapping (v1); an
 * invalid {@code mapping apply} prints {@code file:line} and publishes nothing; a changed mapping
 * (a field renamed and retyped) is applied while the stack runs; {@code replay} cleans the file
 * with v2 without any restart, and the documents carry the new field with its new type; the summary
 * names the change.
 */
class LiveMappingIT {

  /** The stacks the test starts inherit it from failsafe (infra/pom.xml). */
  private static final String TOKEN = System.getenv("TIDEWAY_ADMIN_TOKEN");

  private static final Duration WAIT = Duration.ofMinutes(4);
  private static LocalStackFixture fixture;
  private static StackSettings settings;

  @BeforeAll
  static void startStack() throws Exception {
    fixture = LocalStackFixture.start("it-live-mapping");
    settings = fixture.settings();
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** What an in-process {@code ./pipeline} command printed and returned. */
  private record Outcome(int code, String out, String err) {}

  /** Runs a {@code ./pipeline} command in-process, as the launcher would. */
  private static Outcome launch(String... args) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Pipeline.execute(args);
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  /** Runs a {@code ./pipeline} command that must succeed; its stdout. */
  private static String pipeline(String... args) {
    Outcome o = launch(args);
    assertThat(o.code()).as(String.join(" ", args) + ": " + o.err()).isZero();
    return o.out();
  }

  private static List<Integer> versionsOnTheTopic(String name) {
    try (MappingFeed feed =
        new MappingFeed(
                new KafkaClientFactory(settings.bootstrapServers(), Map.of()),
                settings.topicPrefix(),
                MappingCatalog.empty())
            .start()) {
      assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      return feed.catalog().versions().all(name).stream().map(v -> v.record().version()).toList();
    }
  }

  private static String builtInYaml() throws Exception {
    try (InputStream in =
        MappingCatalog.class
            .getClassLoader()
            .getResourceAsStream("mappings/" + MappingCatalog.DEFAULT_MAPPING + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void applyThenReplayCleansWithTheNewVersionWithoutRestart() throws Exception {
    String bootstrap = settings.bootstrapServers();
    fixture.drop("admissions.csv", out -> new AdmissionsGenerator(200, 0, 7).write(out));
    VerifierClient verifier = new VerifierClient(settings.verifierUrl());
    JsonNode original =
        Poll.until(
            WAIT,
            "admissions.csv VERIFIED",
            () ->
                verifier.files().stream()
                    .filter(f -> "admissions.csv".equals(f.path("file_name").asText()))
                    .findFirst()
                    .orElse(null),
            f -> f != null && "VERIFIED".equals(f.path("status").asText()));
    assertThat(original.path("mapping").asText()).isEqualTo(MappingCatalog.DEFAULT_MAPPING);
    assertThat(original.path("mapping_version").asInt()).isEqualTo(1);

    // An invalid mapping: refused with file:line, nothing published.
    Path state = fixture.state();
    String v1 = builtInYaml();
    Path broken = state.resolve("broken.yaml");
    Files.writeString(broken, v1.replace("type: decimal", "type: money"));
    int line = v1.substring(0, v1.indexOf("type: decimal")).split("\n", -1).length; // 1-based line
    Outcome refused =
        launch("mapping", "apply", broken.toString(), "--bootstrap-servers", bootstrap);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains(broken + ":" + line + ":")
        .contains("nothing was published")
        .doesNotContain("Exception");
    assertThat(versionsOnTheTopic(MappingCatalog.DEFAULT_MAPPING)).containsExactly(1);

    // Room Number: facility.room_number (int) becomes facility.room (string).
    String roomBlock =
        "  - source: Room Number\n"
            + "    target: facility.room_number\n"
            + "    type: int\n"
            + "    transforms: [trim]\n"
            + "    rules:\n"
            + "      - {rule: min, value: \"1\", severity: reject,"
            + " code: facility.room_number.out_of_range}\n";
    assertThat(v1).contains(roomBlock);
    Path changed = state.resolve("admissions-v2.yaml");
    Files.writeString(
        changed,
        v1.replace(
            roomBlock,
            "  - source: Room Number\n"
                + "    target: facility.room\n"
                + "    type: string\n"
                + "    transforms: [trim]\n"));
    assertThat(pipeline("mapping", "apply", changed.toString(), "--bootstrap-servers", bootstrap))
        .contains("applied mapping healthcare-admissions v2");
    assertThat(pipeline("mapping", "apply", changed.toString(), "--bootstrap-servers", bootstrap))
        .contains("unchanged, still v2");
    assertThat(
            pipeline(
                "mapping",
                "show",
                MappingCatalog.DEFAULT_MAPPING,
                "--version",
                "1",
                "--bootstrap-servers",
                bootstrap))
        .isEqualTo(v1);

    String id = original.path("file_id").asText();
    JsonNode result =
        Json.MAPPER.readTree(
            pipeline(
                "replay",
                "--file",
                id,
                "--token",
                TOKEN,
                "--verifier-url",
                settings.verifierUrl(),
                "--bootstrap-servers",
                bootstrap));
    assertThat(result.path("replay").path("status").asText())
        .as(result.toString())
        .isEqualTo("VERIFIED");
    assertThat(result.path("original").path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(result.path("mapping").path("after").asInt()).isEqualTo(2);
    assertThat(result.path("summary").asText())
        .as(result.toString())
        .contains("mapping healthcare-admissions v1 -> v2")
        .contains("field renamed: facility.room_number -> facility.room (from Room Number)")
        .contains("type changed: facility.room int -> string");
    String replayId = result.path("replay").path("file_id").asText();
    assertThat(
            verifier.files().stream()
                .filter(f -> replayId.equals(f.path("file_id").asText()))
                .findFirst()
                .orElseThrow()
                .path("mapping_version")
                .asInt())
        .isEqualTo(2);

    try (MongoClient client = MongoClients.create(settings.mongoUri())) {
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      assertThat(admissions.countDocuments(Filters.eq("_source.file_id", id))).isZero();
      long replayed = admissions.countDocuments(Filters.eq("_source.file_id", replayId));
      assertThat(replayed).isEqualTo(result.path("replay").path("cleaned").asLong()).isPositive();
      BsonDocument doc = admissions.find(Filters.eq("_source.file_id", replayId)).first();
      BsonDocument facility = doc.getDocument("facility");
      assertThat(facility.containsKey("room_number")).isFalse();
      assertThat(facility.get("room").getBsonType()).isEqualTo(BsonType.STRING);
      assertThat(
              admissions.countDocuments(
                  Filters.and(
                      Filters.eq("_source.file_id", replayId),
                      Filters.type("facility.room", BsonType.STRING))))
          .isEqualTo(replayed);
    }
    assertThat(versionsOnTheTopic(MappingCatalog.DEFAULT_MAPPING)).containsExactly(1, 2);
  }
}
