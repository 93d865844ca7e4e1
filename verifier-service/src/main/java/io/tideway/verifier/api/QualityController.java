package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.quality.QualityReports;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.quality.QualityBook;
import io.tideway.verifier.quality.QualityHtml;
import java.time.Clock;
import java.util.Optional;

/** A file's data-quality report (sum over cleaner partitions) as JSON, Markdown and HTML. */
@Controller("/api/files")
public class QualityController {

  private static final MediaType MARKDOWN = new MediaType("text/markdown; charset=utf-8");
  private static final MediaType HTML = new MediaType("text/html; charset=utf-8");

  private final QualityBook book;
  private final FileLedger ledger;
  private final Clock clock;

  public QualityController(QualityBook book, FileLedger ledger, Clock clock) {
    this.book = book;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The merged report as snake_case JSON, or 404. */
  @Get(value = "/{id}/quality", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> json(String id) {
    return report(id)
        .<HttpResponse<?>>map(JsonResponses::ok)
        .orElseGet(() -> JsonResponses.unknownFile(id));
  }

  /** The merged report as Markdown, for a client. */
  @Get(value = "/{id}/quality.md", produces = "text/markdown")
  public HttpResponse<?> markdown(String id) {
    return report(id)
        .<HttpResponse<?>>map(
            r -> HttpResponse.ok(QualityReports.markdown(r)).contentType(MARKDOWN))
        .orElseGet(() -> JsonResponses.unknownFile(id));
  }

  /** The merged report as a simple HTML page linking back to the dashboard. */
  @Get(value = "/{id}/quality.html", produces = MediaType.TEXT_HTML)
  public HttpResponse<?> html(String id) {
    return report(id)
        .<HttpResponse<?>>map(r -> HttpResponse.ok(QualityHtml.page(r)).contentType(HTML))
        .orElseGet(() -> JsonResponses.unknownFile(id));
  }

  /** The merged report; a known file the cleaner has not reported on yet gets an empty one. */
  private Optional<QualityReport> report(String id) {
    return ledger.find(id, clock.instant()).map(book::mergedOrEmpty).or(() -> book.merged(id));
  }
}
