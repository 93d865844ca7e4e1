package io.tideway.cleaner.mapping;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 of a cleaned value, as 64 lowercase hex digits; the same value and key give the
 * same pseudonym.
 */
public final class Pseudonymizer {

  /** Environment variable holding the key. */
  public static final String KEY_ENV = "TIDEWAY_PSEUDONYMIZE_KEY";

  private final SecretKeySpec key;

  public Pseudonymizer(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("pseudonymize key is empty");
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String apply(String value) {
    try {
      // A Mac is not thread-safe; creating one per call is cheap next to the rest of a row.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key hidden]";
  }
}
