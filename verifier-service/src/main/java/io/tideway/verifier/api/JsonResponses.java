package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.tideway.contracts.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses shared by the API controllers, written with the contracts' snake_case mapper. */
public final class JsonResponses {

  private JsonResponses() {}

  static HttpResponse<String> ok(Object body) {
    return HttpResponse.ok(Json.toJson(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /** 404 for a file id the verifier has never seen. */
  public static HttpResponse<String> unknownFile(String id) {
    return error(HttpStatus.NOT_FOUND, "unknown file id", id);
  }

  /** {@code {"error": message, "file_id": id}} with {@code status}. */
  public static HttpResponse<String> error(HttpStatus status, String message, String id) {
    return error(status, message, "file_id", id);
  }

  /** {@code {"error": message, idField: id}} with {@code status}. */
  public static HttpResponse<String> error(
      HttpStatus status, String message, String idField, String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put(idField, id);
    return HttpResponse.<String>status(status)
        .body(Json.toJson(body))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
