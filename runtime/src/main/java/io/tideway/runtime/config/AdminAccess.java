package io.tideway.runtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tideway.contracts.admin.AdminToken;

/**
 * The operator token of a service, under {@code tideway.admin}: the one binding of {@code
 * TIDEWAY_ADMIN_TOKEN}, a secret that comes only from the environment. No token: every operator
 * request (rollback, replay) is refused.
 */
@ConfigurationProperties(AdminAccess.PREFIX)
public class AdminAccess {

  /** The property prefix. */
  public static final String PREFIX = "tideway.admin";

  private String token = "";

  /** Bearer token of the operator endpoints (env TIDEWAY_ADMIN_TOKEN); empty refuses them all. */
  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token == null ? "" : token;
  }

  /** Whether {@code authorizationHeader} carries the configured token (constant-time compare). */
  public boolean authorises(String authorizationHeader) {
    return AdminToken.authorises(token, authorizationHeader);
  }
}
