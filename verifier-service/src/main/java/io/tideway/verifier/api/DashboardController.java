package io.tideway.verifier.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the live dashboard: one static page that reads {@code /api/files} and {@code /api/events}.
 */
@Controller
public class DashboardController {

  private final String page;

  public DashboardController() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("public/index.html")) {
      page =
          in == null
              ? "<h1>dashboard missing</h1>"
              : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> index() {
    return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
  }
}
