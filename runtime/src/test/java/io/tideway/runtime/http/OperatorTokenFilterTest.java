package io.tideway.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Operator routes answer 401 without the token, before the controller runs; others are open. */
class OperatorTokenFilterTest {

  static final AtomicInteger OPERATOR_CALLS = new AtomicInteger();

  /** One operator route and one open route, only in this test's context. */
  @Requires(property = "spec.name", value = "OperatorTokenFilterTest")
  @Controller("/t")
  static class Routes {
    @OperatorOnly
    @Post("/act")
    String act() {
      OPERATOR_CALLS.incrementAndGet();
      return "acted";
    }

    @Get("/look")
    String look() {
      return "looked";
    }
  }

  private static HttpResponse<String> call(
      EmbeddedServer server, String method, String path, String auth) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static EmbeddedServer server(String token) {
    return ApplicationContext.run(
        EmbeddedServer.class,
        Map.of(
            "spec.name",
            "OperatorTokenFilterTest",
            "micronaut.server.port",
            -1,
            "tideway.admin.token",
            token));
  }

  @Test
  void anOperatorRouteRunsOnlyWithTheConfiguredToken() throws Exception {
    OPERATOR_CALLS.set(0);
    try (EmbeddedServer server = server("s3cret")) {
      HttpResponse<String> none = call(server, "POST", "/t/act", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("TIDEWAY_ADMIN_TOKEN");
      assertThat(call(server, "POST", "/t/act", "Bearer guess").statusCode()).isEqualTo(401);
      assertThat(call(server, "POST", "/t/act", "s3cret").statusCode()).isEqualTo(401);
      assertThat(OPERATOR_CALLS).hasValue(0);

      HttpResponse<String> allowed = call(server, "POST", "/t/act", "Bearer s3cret");
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).isEqualTo("acted");
      assertThat(OPERATOR_CALLS).hasValue(1);
    }
  }

  @Test
  void withoutAConfiguredTokenEveryOperatorRequestIsRefused() throws Exception {
    OPERATOR_CALLS.set(0);
    try (EmbeddedServer server = server("")) {
      assertThat(call(server, "POST", "/t/act", "Bearer ").statusCode()).isEqualTo(401);
      assertThat(call(server, "POST", "/t/act", "Bearer x").statusCode()).isEqualTo(401);
      assertThat(OPERATOR_CALLS).hasValue(0);
    }
  }

  @Test
  void otherRoutesNeedNoToken() throws Exception {
    try (EmbeddedServer server = server("s3cret")) {
      HttpResponse<String> open = call(server, "GET", "/t/look", null);
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.body()).isEqualTo("looked");
      assertThat(call(server, "GET", "/t/missing", null).statusCode()).isEqualTo(404);
    }
  }
}
