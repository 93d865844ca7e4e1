package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.contracts.json.Json;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.quality.QualityBook;
import java.time.Clock;

/** The REST API: per-file integrity events and alerts, as the contracts' snake_case JSON. */
@Controller("/api")
public class FilesController {

  private final FileLedger ledger;
  private final AlertBook alerts;
  private final Clock clock;
  private final QualityBook quality;

  public FilesController(FileLedger ledger, AlertBook alerts, Clock clock, QualityBook quality) {
    this.quality = quality;
    this.ledger = ledger;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Every file's {@code IntegrityEvent}, newest first. */
  @Get(value = "/files", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> files() {
    return json(Json.toJson(ledger.snapshot(clock.instant())));
  }

  /**
   * One file in detail: its {@code IntegrityEvent} (counts of both sides, digests, timings,
   * problems) plus its merged quality report, throughput and report links; or 404 with a JSON
   * error.
   */
  @Get(value = "/files/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> file(String id) {
    return ledger
        .find(id, clock.instant())
        .map(e -> json(Json.toJson(FileDetail.of(e, quality.mergedOrEmpty(e), clock.instant()))))
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
