package io.tideway.verifier.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.log.LogSafe;
import io.tideway.runtime.http.OperatorOnly;
import io.tideway.verifier.VerifierRuntime;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.api.JsonResponses;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/alerts/{id}/ack} with the admin token: an operator acknowledges an open alert,
 * optionally with {@code {"by": "name", "note": "..."}} ("by" defaults to "operator"). The alert
 * stays open until its cause resolves, the webhook is not notified again while it is open, and the
 * acknowledgement is published on the alerts topic (a restarted or standby verifier keeps it).
 */
@Controller("/api/alerts")
public class AlertAckController {

  private static final Logger LOG = LoggerFactory.getLogger(AlertAckController.class);

  /** Who acknowledged when the body names nobody. */
  static final String DEFAULT_BY = "operator";

  static final int MAX_BY = 100;
  static final int MAX_NOTE = 2000;

  private final AlertBook alerts;
  private final VerifierRuntime runtime;
  private final Clock clock;

  public AlertAckController(AlertBook alerts, VerifierRuntime runtime, Clock clock) {
    this.alerts = alerts;
    this.runtime = runtime;
    this.clock = clock;
  }

  /**
   * 200 with the acknowledged alert; 401 without the admin token, 404 for an unknown id, 409 for a
   * resolved alert, 400 for a body that is not {@code {"by": ..., "note": ...}}. Alert ids contain
   * a slash ({@code MISMATCH/<file id>}): it may be sent as is or encoded as {@code %2F}.
   */
  @OperatorOnly
  @Post(value = "/{+id}/ack", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> ack(@PathVariable String id, @Nullable @Body String body) {
    JsonNode request;
    try {
      request =
          body == null || body.isBlank()
              ? Json.MAPPER.createObjectNode()
              : Json.MAPPER.readTree(body);
    } catch (Exception e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      return error(
          HttpStatus.BAD_REQUEST,
          "the body must be empty or a JSON object like {\"by\": \"name\", \"note\": \"why\"}",
          id);
    }
    String by = text(request, "by");
    String note = text(request, "note");
    if ((by != null && by.length() > MAX_BY) || (note != null && note.length() > MAX_NOTE)) {
      return error(
          HttpStatus.BAD_REQUEST,
          "\"by\" may have at most " + MAX_BY + " characters, \"note\" " + MAX_NOTE,
          id);
    }
    AlertBook.Ack ack = alerts.acknowledge(id, by == null ? DEFAULT_BY : by, note, clock.instant());
    return switch (ack.result()) {
      case UNKNOWN -> error(HttpStatus.NOT_FOUND, "unknown alert id; see GET /api/alerts", id);
      case RESOLVED ->
          error(
              HttpStatus.CONFLICT,
              "the alert is resolved: only an open alert can be acknowledged",
              id);
      case ACKNOWLEDGED -> {
        runtime.announce(ack.alert());
        LOG.info(
            "alert {} acknowledged by {}",
            LogSafe.of(id),
            LogSafe.of(ack.alert().acknowledgedBy()));
        yield HttpResponse.ok(ack.alert()).contentType(MediaType.APPLICATION_JSON_TYPE);
      }
    };
  }

  /** The trimmed text of {@code field}, or null when absent or blank. */
  private static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String t = v.asText().strip();
    return t.isEmpty() ? null : t;
  }

  private static HttpResponse<?> error(HttpStatus status, String message, String id) {
    return JsonResponses.error(status, message, "alert_id", id);
  }
}
