package io.tideway.verifier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.rejects.RejectIndex;
import io.tideway.verifier.rejects.RejectPage;
import io.tideway.verifier.rejects.RejectReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A file's rejected rows (row, line, field, value, reason), paged as JSON or whole as CSV. */
@Controller("/api/files")
public class RejectsController {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
  private static final MediaType CSV = new MediaType("text/csv; charset=utf-8");
  private static final CsvMapper CSV_MAPPER = new CsvMapper();
  private static final CsvSchema CSV_SCHEMA =
      CSV_MAPPER.schemaFor(RejectPage.Item.class).withHeader().sortedBy(RejectPage.Item.COLUMNS);

  private final RejectReader reader;
  private final RejectIndex index;
  private final FileLedger ledger;
  private final Clock clock;

  public RejectsController(RejectReader reader, RejectIndex index, FileLedger ledger, Clock clock) {
    this.reader = reader;
    this.index = index;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * {@code ?page=1&size=100} (JSON, at most {@value RejectPage#MAX_SIZE} per page) or {@code
   * ?format=csv} (every reject, for a spreadsheet); 404 for an unknown file, 503 when the topic
   * does not answer in time.
   */
  @Get(
      value = "/{id}/rejects",
      produces = {MediaType.APPLICATION_JSON, "text/csv"})
  public HttpResponse<?> rejects(
      String id,
      @QueryValue(defaultValue = "1") int page,
      @QueryValue(defaultValue = "100") int size,
      @QueryValue(defaultValue = "json") String format) {
    if (ledger.find(id, clock.instant()).isEmpty() && index.count(id) == 0) {
      return JsonResponses.unknownFile(id);
    }
    boolean csv = "csv".equalsIgnoreCase(format);
    if (!csv && !"json".equalsIgnoreCase(format)) {
      return JsonResponses.error(
          HttpStatus.BAD_REQUEST, "format must be json or csv, not '" + format + "'", id);
    }
    if (page < 1 || size < 1 || size > RejectPage.MAX_SIZE) {
      return JsonResponses.error(
          HttpStatus.BAD_REQUEST,
          "page must be 1 or more and size between 1 and " + RejectPage.MAX_SIZE,
          id);
    }
    return reader
        .read(id, READ_TIMEOUT)
        .map(RejectPage::items)
        .map(items -> csv ? csv(id, items) : JsonResponses.ok(RejectPage.of(id, items, page, size)))
        .orElseGet(
            () ->
                JsonResponses.error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Kafka did not return the rejected rows within "
                        + READ_TIMEOUT.toSeconds()
                        + "s; try again when the broker is reachable",
                    id));
  }

  private static HttpResponse<?> csv(String id, List<RejectPage.Item> items) {
    try {
      return HttpResponse.ok(CSV_MAPPER.writer(CSV_SCHEMA).writeValueAsString(items))
          .contentType(CSV)
          .header(
              "Content-Disposition", "attachment; filename=\"" + safeName(id) + "-rejects.csv\"");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** File ids are generated from file names; keep a header value to safe characters. */
  private static String safeName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
