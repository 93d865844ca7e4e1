package io.tideway.contracts.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer-token check of every operator endpoint (rollback, replay). No configured token means
 * every request is refused: a deployment must opt in with {@code TIDEWAY_ADMIN_TOKEN}.
 */
public final class AdminToken {

  private static final String BEARER = "Bearer ";

  private AdminToken() {}

  /**
   * Whether {@code authorizationHeader} carries {@code configuredToken}, compared in constant time.
   */
  public static boolean authorises(String configuredToken, String authorizationHeader) {
    if (configuredToken == null
        || configuredToken.isEmpty()
        || authorizationHeader == null
        || !authorizationHeader.startsWith(BEARER)) {
      return false;
    }
    byte[] given =
        authorizationHeader.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, configuredToken.getBytes(StandardCharsets.UTF_8));
  }
}
