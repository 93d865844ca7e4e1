package io.tideway.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.tideway.runtime.config.AdminAccess;
import java.util.Map;

/**
 * The one check of the operator token: a request to an {@link OperatorOnly} route without {@code
 * Authorization: Bearer <TIDEWAY_ADMIN_TOKEN>} is answered 401 and never reaches the controller.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class OperatorTokenFilter {

  /** The 401 answer's {@code error}. */
  public static final String REFUSAL = "a valid bearer token (TIDEWAY_ADMIN_TOKEN) is required";

  private final AdminAccess admin;

  public OperatorTokenFilter(AdminAccess admin) {
    this.admin = admin;
  }

  /** 401 for an operator route without the token; {@code null} lets every other request pass. */
  @RequestFilter
  @Nullable
  public HttpResponse<Map<String, String>> requireToken(HttpRequest<?> request) {
    boolean operatorRoute =
        RouteAttributes.getRouteMatch(request)
            .map(route -> route.getAnnotationMetadata().hasAnnotation(OperatorOnly.class))
            .orElse(false);
    if (!operatorRoute || admin.authorises(request.getHeaders().getAuthorization().orElse(null))) {
      return null;
    }
    return HttpResponse.<Map<String, String>>status(HttpStatus.UNAUTHORIZED)
        .body(Map.of("error", REFUSAL));
  }
}
