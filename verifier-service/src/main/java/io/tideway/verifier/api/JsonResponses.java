package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.tideway.contracts.json.Json;
import java.util.Map;

/** JSON responses shared by the API controllers, written with the contracts' snake_case mapper. */
final class JsonResponses {

  private JsonResponses() {}

  static HttpResponse<String> ok(Object body) {
    return HttpResponse.ok(Json.toJson(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /** 404 for a file id the verifier has never seen. */
  static HttpResponse<String> unknownFile(String id) {
    return HttpResponse.<String>notFound()
        .body(Json.toJson(Map.of("error", "unknown file id", "file_id", id)))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
