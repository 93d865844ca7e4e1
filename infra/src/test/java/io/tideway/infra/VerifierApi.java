package io.tideway.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the verifier's API tells an operator, read the way the ops tests compare it. */
final class VerifierApi {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  VerifierApi(String base) {
    this.base = base;
  }

  /** The newest file of that name, or null. */
  JsonNode file(String name) {
    for (JsonNode f : get("/api/files")) {
      if (name.equals(f.path("file_name").asText())) {
        return f;
      }
    }
    return null;
  }

  /** The file's status, or UNKNOWN while the verifier does not list it. */
  String status(String name) {
    JsonNode f = file(name);
    return f == null ? "UNKNOWN" : f.path("status").asText();
  }

  /** The alert with that id ({@code TYPE/subject}), or null. */
  JsonNode alert(String id) {
    for (JsonNode a : get("/api/alerts")) {
      if (id.equals(a.path("id").asText())) {
        return a;
      }
    }
    return null;
  }

  /** The alert's state, or NONE while there is no such alert. */
  String alertState(String id) {
    JsonNode a = alert(id);
    return a == null ? "NONE" : a.path("state").asText();
  }

  /** {@code GET /api/health}. */
  JsonNode health() {
    return get("/api/health");
  }

  /** "name STATE" of each service the verifier's health lists. */
  static List<String> serviceStates(JsonNode health) {
    List<String> states = new ArrayList<>();
    health
        .path("services")
        .forEach(s -> states.add(s.path("name").asText() + " " + s.path("state").asText()));
    return states;
  }

  /** The state of that source in the verifier's health, or NONE while it is not listed. */
  static String sourceState(JsonNode health, String source) {
    for (JsonNode s : health.path("sources")) {
      if (source.equals(s.path("source").asText())) {
        return s.path("state").asText();
      }
    }
    return "NONE";
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
