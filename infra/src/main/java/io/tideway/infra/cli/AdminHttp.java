package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP client for the operator commands; turns connection failures into advice. */
final class AdminHttp {

  /**
   * A status code with its parsed JSON body (a {@code MissingNode} when the body is not JSON) and
   * the body as sent.
   */
  record Reply(int status, JsonNode body, String text) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  Reply send(String service, String method, String url, String token, Duration timeout) {
    return send(service, method, url, token, timeout, null);
  }

  /** As {@link #send(String, String, String, String, Duration)} with a JSON body (null: none). */
  Reply send(
      String service, String method, String url, String token, Duration timeout, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body =
            r.body() == null || r.body().isBlank()
                ? Json.MAPPER.missingNode()
                : Json.MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        body = Json.MAPPER.missingNode();
      }
      return new Reply(r.statusCode(), body, r.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new IllegalStateException(
          "cannot reach the "
              + service
              + " at "
              + url
              + " (connection refused): is ./pipeline up running?");
    } catch (IOException e) {
      throw new IllegalStateException("the " + service + " at " + url + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  /** The verifier's view of a file, or null when it does not know the id (404). */
  JsonNode verifierFile(String verifierUrl, String fileId) {
    Reply r =
        send("verifier", "GET", verifierUrl + "/api/files/" + fileId, null, Duration.ofSeconds(5));
    if (r.status() == 404) {
      return null;
    }
    if (r.status() != 200) {
      throw new IllegalStateException(
          "the verifier answered " + r.status() + " for file " + fileId + ": " + r.body());
    }
    return r.body();
  }
}
