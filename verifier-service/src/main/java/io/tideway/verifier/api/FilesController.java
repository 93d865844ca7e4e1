package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.contracts.json.Json;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.ledger.FileLedger;
import java.time.Clock;

/** The REST API: per-file integrity events and alerts, as the contracts' snake_case JSON. */
@Controller("/api")
public class FilesController {

  private final FileLedger ledger;
  private final AlertBook alerts;
  private final Clock clock;

  public FilesController(FileLedger ledger, AlertBook alerts, Clock clock) {
    this.ledger = ledger;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Every file's {@code IntegrityEvent}, newest first. */
  @Get(value = "/files", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> files() {
    return json(Json.toJson(ledger.snapshot(clock.instant())));
  }

  /** One file's {@code IntegrityEvent}, or 404 with a JSON error. */
  @Get(value = "/files/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> file(String id) {
    return ledger.find(id, clock.instant())
        .map(e -> json(Json.toJson(e)))
        .orElseGet(() -> JsonResponses.unknownFile(id));
  }

  /** Every alert's latest state, open ones first. */
  @Get(value = "/alerts", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> alerts() {
    return json(Json.toJson(alerts.all()));
  }

  private static HttpResponse<String> json(String body) {
    return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
