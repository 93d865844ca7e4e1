package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingDiff;
import io.tideway.contracts.mapping.MappingVersions;
import io.tideway.runtime.mapping.MappingFeed;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code ./pipeline rollback --file ID}, {@code replay --file ID} and {@code ack ALERT_ID} against
 * a running stack: all go through the verifier's API (which refuses a rollback that would orphan
 * other files' duplicates, then forwards to the loader; and forwards a replay to ingest, after
 * rolling the original back when its documents are gone or its mapping changed) (bearer token
 * {@code TIDEWAY_ADMIN_TOKEN}); rollback and replay wait until the verifier shows the outcome.
 * Stdout carries only the JSON result.
 */
final class OperatorCommands {

  static final String TOKEN_ENV = "TIDEWAY_ADMIN_TOKEN";
  private static final PrintStream ERR = System.err;
  private static final Duration POLL = Duration.ofMillis(500);

  private OperatorCommands() {}

  /**
   * Where the services listen and the admin token, from options, else the environment, else the
   * defaults.
   */
  record Target(
      String verifierUrl, String token, String fileId, Duration timeout, String bootstrap) {

    /**
     * @param bootstrap {@code --bootstrap-servers}, null for the stack's broker (replay reads the
     *     mapping versions there)
     */
    static Target from(
        OperatorOptions o,
        VerifierOption verifier,
        String bootstrap,
        long timeoutS,
        Map<String, String> env) {
      if (o.fileId == null || o.fileId.isBlank()) {
        throw new UsageException(
            "--file ID is required (the file_id shown by GET /api/files or the report)");
      }
      return new Target(
          verifier.url(env),
          o.token.resolve(env),
          o.fileId,
          Duration.ofSeconds(timeoutS),
          bootstrap);
    }

    static String strip(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  /** Asks the verifier to {@code action} (rollback, replay) the file; a refused token fails. */
  private static AdminHttp.Reply post(AdminHttp http, Target t, String action, Duration timeout) {
    AdminHttp.Reply r =
        http.send(
            "verifier",
            "POST",
            t.verifierUrl() + "/api/files/" + t.fileId() + "/" + action,
            t.token(),
            timeout);
    checkAuthorised(r, "verifier");
    return r;
  }

  /**
   * Fails with the verifier's reason unless it answered 200: the file is unknown (404), the
   * verifier or ingest refused (409, their reason as it is), or anything else went wrong.
   */
  private static void requireOk(AdminHttp.Reply r, Target t, String what) {
    String reason = r.body().path("error").asText("HTTP " + r.status());
    if (r.status() == 404) {
      throw new IllegalStateException(
          "file "
              + t.fileId()
              + " cannot be "
              + what
              + ": "
              + reason
              + " (check the id with GET "
              + t.verifierUrl()
              + "/api/files)");
    }
    if (r.status() == 409) {
      throw new IllegalStateException(reason); // a refusal names the file and why
    }
    if (r.status() != 200) {
      throw new IllegalStateException("file " + t.fileId() + " cannot be " + what + ": " + reason);
    }
  }

  static int rollback(Target t) throws Exception {
    requireToken(t);
    AdminHttp http = new AdminHttp();
    AdminHttp.Reply r = post(http, t, "rollback", Duration.ofSeconds(120));
    requireOk(r, t, "rolled back; nothing was deleted");
    long deleted = r.body().path("deleted").asLong();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("file_id", t.fileId());
    out.put("deleted", deleted);
    if (deleted == 0) {
      ERR.printf(
          "file %s had no documents left in MongoDB (0 deleted); it is marked rolled back anyway%n",
          t.fileId());
    }
    ERR.printf(
        "deleted %,d documents of file %s; waiting for the verifier...%n", deleted, t.fileId());
    JsonNode file =
        await(http, t, t.fileId(), f -> "ROLLED_BACK".equals(f.path("status").asText()));
    out.put("status", file.path("status").asText());
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    return 0;
  }

  static int replay(Target t) throws Exception {
    requireToken(t);
    AdminHttp http = new AdminHttp();
    JsonNode original = http.verifierFile(t.verifierUrl(), t.fileId());
    // Through the verifier, which rolls the original back first when its documents are gone or
    // its mapping has a newer version, then forwards to ingest.
    AdminHttp.Reply r = post(http, t, "replay", Duration.ofSeconds(300));
    requireOk(r, t, "replayed");
    String newId = r.body().path("file_id").asText();
    ERR.printf(
        "replaying %,d rows of %s as %s; waiting for the verifier...%n",
        r.body().path("rows").asLong(), t.fileId(), newId);
    JsonNode replay = await(http, t, newId, f -> settled(f.path("status").asText()));
    // Again: the replay may have rolled the original back first.
    JsonNode now = http.verifierFile(t.verifierUrl(), t.fileId());
    original = now != null ? now : original;
    JsonNode before = original == null ? Json.MAPPER.createObjectNode() : original;
    ObjectNode out = ReplayComparison.of(before, replay, content(http, t, before, replay));
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    return "VERIFIED".equals(replay.path("status").asText()) ? 0 : 1;
  }

  /**
   * The mapping versions of both sides, what differs between them (read from the mappings topic)
   * and both quality reports; null, with a note, when they cannot be read.
   */
  private static ReplayComparison.Content content(
      AdminHttp http, Target t, JsonNode original, JsonNode replay) {
    String name = replay.path("mapping").asText(original.path("mapping").asText(null));
    int before = original.path("mapping_version").asInt(0);
    int after = replay.path("mapping_version").asInt(0);
    if (name == null || before == 0 || after == 0) {
      return null; // files of a version that did not record mapping versions
    }
    try {
      List<String> changes = List.of();
      if (before != after) {
        try (MappingFeed feed =
            MappingTopicCommands.connect(
                MappingTopicCommands.Broker.of(t.bootstrap(), Duration.ofSeconds(30)))) {
          MappingVersions versions = feed.catalog().versions();
          changes =
              MappingDiff.changes(
                  versions.await(name, before, Duration.ofSeconds(30)).mapping(),
                  versions.await(name, after, Duration.ofSeconds(30)).mapping());
        }
      }
      return new ReplayComparison.Content(
          name,
          before,
          after,
          changes,
          quality(http, t, original.path("file_id").asText()),
          quality(http, t, replay.path("file_id").asText()));
    } catch (RuntimeException e) {
      ERR.printf("could not compare the content of the two files: %s%n", e.getMessage());
      return null;
    }
  }

  private static JsonNode quality(AdminHttp http, Target t, String fileId) {
    AdminHttp.Reply r =
        http.send(
            "verifier",
            "GET",
            t.verifierUrl() + "/api/files/" + fileId + "/quality",
            null,
            Duration.ofSeconds(10));
    return r.status() == 200 ? r.body() : null;
  }

  /**
   * Acknowledges an open alert ({@code POST /api/alerts/{id}/ack} on the verifier): it stays open
   * until its cause resolves, greyed on the dashboard, and the webhook is not notified again.
   * Prints the acknowledged alert.
   */
  static int ack(String verifier, String token, String id, String by, String note)
      throws Exception {
    requireToken(token);
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (by != null) {
      body.put("by", by);
    }
    if (note != null) {
      body.put("note", note);
    }
    AdminHttp.Reply r =
        new AdminHttp()
            .send(
                "verifier",
                "POST",
                verifier + "/api/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/ack",
                token,
                Duration.ofSeconds(30),
                Json.toJson(body));
    checkAuthorised(r, "verifier");
    if (r.status() == 404) {
      throw new IllegalStateException(
          "alert " + id + " is unknown; check the id with GET " + verifier + "/api/alerts");
    }
    if (r.status() != 200) {
      throw new IllegalStateException(
          "alert "
              + id
              + " was not acknowledged: HTTP "
              + r.status()
              + ": "
              + r.body().path("error").asText(r.text()));
    }
    ERR.printf(
        "alert %s acknowledged by %s; it stays open until its cause resolves%n",
        id, r.body().path("acknowledged_by").asText());
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r.body()));
    return 0;
  }

  /**
   * Prints a file's rejected rows: one line each (row, line, field, value, reason), or the CSV the
   * verifier serves with {@code --csv}. Needs no token: reading is not an operator action.
   */
  static int rejects(String verifier, String fileId, boolean csv) {
    String url = verifier + "/api/files/" + fileId + "/rejects";
    AdminHttp http = new AdminHttp();
    if (csv) {
      System.out.print(rejectsReply(http, url + "?format=csv", fileId).text());
      return 0;
    }
    long total = 0;
    for (int page = 1; ; page++) {
      JsonNode body = rejectsReply(http, url + "?size=1000&page=" + page, fileId).body();
      total = body.path("total").asLong();
      for (JsonNode item : body.path("items")) {
        System.out.printf(
            "row %d (line %d) %s = '%s': %s%n",
            item.path("row").asLong(),
            item.path("line").asLong(),
            item.path("field").asText("-"),
            item.path("value").asText(""),
            item.path("reason").asText(""));
      }
      if ((long) page * 1000 >= total) {
        break;
      }
    }
    ERR.printf("%,d rejected field(s) in file %s%n", total, fileId);
    return 0;
  }

  private static AdminHttp.Reply rejectsReply(AdminHttp http, String url, String fileId) {
    AdminHttp.Reply r = http.send("verifier", "GET", url, null, Duration.ofSeconds(30));
    if (r.status() == 404) {
      throw new IllegalStateException(
          "file " + fileId + " is unknown to the verifier; check the id with GET /api/files");
    }
    if (r.status() != 200) {
      throw new IllegalStateException(
          "the verifier answered "
              + r.status()
              + " for the rejects of "
              + fileId
              + ": "
              + r.body().path("error").asText(r.text()));
    }
    return r;
  }

  static boolean settled(String status) {
    return switch (status) {
      case "VERIFIED", "FAILED", "MISMATCH", "ROLLED_BACK" -> true;
      default -> false;
    };
  }

  private static void requireToken(Target t) {
    requireToken(t.token());
  }

  private static void requireToken(String token) {
    if (token == null) {
      throw new IllegalStateException(
          "no admin token: pass --token T or set "
              + TOKEN_ENV
              + " to the value the stack was started with ("
              + TOKEN_ENV
              + "=... ./pipeline up); "
              + "a stack started without it refuses every operator command");
    }
  }

  private static void checkAuthorised(AdminHttp.Reply r, String service) {
    if (r.status() == 401) {
      throw new IllegalStateException(
          "the "
              + service
              + " refused the admin token (401): use the "
              + TOKEN_ENV
              + " the stack was started with; a stack started without "
              + TOKEN_ENV
              + " refuses every operator command - restart it with "
              + TOKEN_ENV
              + "=... ./pipeline up");
    }
  }

  private static JsonNode await(AdminHttp http, Target t, String fileId, Predicate<JsonNode> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(t.timeout());
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = http.verifierFile(t.verifierUrl(), fileId);
      if (last != null && done.test(last)) {
        return last;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(
        "the verifier did not settle file "
            + fileId
            + " within "
            + t.timeout().toSeconds()
            + "s (last seen: "
            + (last == null ? "unknown" : last.path("status").asText())
            + "); raise --timeout or check "
            + t.verifierUrl());
  }
}
