package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON responses shared by the API controllers: objects the framework writes with the payload
 * conventions (snake_case; see the runtime's {@code HttpJson}).
 */
public final class JsonResponses {

  private JsonResponses() {}

  /** 200 with {@code body} as JSON. */
  public static HttpResponse<?> ok(Object body) {
    return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /** 404 for a file id the verifier has never seen. */
  public static HttpResponse<?> unknownFile(String id) {
    return error(HttpStatus.NOT_FOUND, "unknown file id", id);
  }

  /** {@code {"error": message, "file_id": id}} with {@code status}. */
  public static HttpResponse<?> error(HttpStatus status, String message, String id) {
    return error(status, message, "file_id", id);
  }

  /** {@code {"error": message, idField: id}} with {@code status}. */
  public static HttpResponse<?> error(
      HttpStatus status, String message, String idField, String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put(idField, id);
    return HttpResponse.status(status).body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
