package io.tideway.infra.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /api/files} of the verifier; entries are kept as JSON so new fields pass
 * through.
 */
public final class VerifierClient {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI files;

  public VerifierClient(String baseUrl) {
    this.files = URI.create(baseUrl + "/api/files");
  }

  /** The verifier's per-file objects, newest first; empty when it does not answer. */
  public List<JsonNode> files() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(files).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return List.of();
      }
      List<JsonNode> out = new ArrayList<>();
      Json.MAPPER.readTree(r.body()).forEach(out::add);
      return out;
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
