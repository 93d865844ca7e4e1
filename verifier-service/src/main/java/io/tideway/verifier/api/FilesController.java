package io.tideway.verifier.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.ledger.FileQuery;
import io.tideway.verifier.quality.QualityBook;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

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

  /** Default page size of {@code GET /api/files?page=...}. */
  static final int PAGE_SIZE = 50;

  /**
   * Every file's {@code IntegrityEvent}, newest first; with any of {@code q} (search in name, id,
   * source, mapping), {@code status}, {@code page} (from 1) or {@code size} (default 50, at most
   * 500) one page of them instead: {@code {"total", "page", "size", "items", "counts"}}, built from
   * the ledger's index so a page costs its own files, not all of them.
   */
  @Get(value = "/files", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> files(
      @Nullable @QueryValue String q,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue Integer page,
      @Nullable @QueryValue Integer size) {
    if (q == null && status == null && page == null && size == null) {
      return JsonResponses.ok(ledger.snapshot(clock.instant()));
    }
    FileStatus wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = FileStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return badQuery(
            "status '" + status + "' is not one of " + Arrays.toString(FileStatus.values()));
      }
    }
    FileQuery query;
    try {
      query = new FileQuery(q, wanted, page == null ? 1 : page, size == null ? PAGE_SIZE : size);
    } catch (IllegalArgumentException e) {
      return badQuery(e.getMessage());
    }
    return JsonResponses.ok(ledger.page(query, clock.instant()));
  }

  private static HttpResponse<?> badQuery(String message) {
    return HttpResponse.status(HttpStatus.BAD_REQUEST)
        .body(Map.of("error", message))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /**
   * One file in detail: its {@code IntegrityEvent} (counts of both sides, digests, timings,
   * problems) plus its merged quality report, throughput and report links; or 404 with a JSON
   * error.
   */
  @Get(value = "/files/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> file(String id) {
    return ledger
        .find(id, clock.instant())
        .<HttpResponse<?>>map(
            e -> JsonResponses.ok(FileDetail.of(e, quality.mergedOrEmpty(e), clock.instant())))
        .orElseGet(() -> JsonResponses.unknownFile(id));
  }

  /** Every alert's latest state, open ones first. */
  @Get(value = "/alerts", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> alerts() {
    return JsonResponses.ok(alerts.all());
  }
}
