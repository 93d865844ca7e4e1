package io.tideway.contracts.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic document {@code _id}: the first 128 bits of SHA-256 over the dedup key values, as
 * hex.
 */
public final class DocumentId {

  private static final ThreadLocal<MessageDigest> SHA =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required by every JRE", e);
            }
          });

  private static final byte[] NULL_LENGTH = "-1".getBytes(StandardCharsets.US_ASCII);

  private DocumentId() {}

  /**
   * The id of a row whose cleaned dedup-key values are {@code values}, in mapping order. Values are
   * length-prefixed so that ("ab","c") and ("a","bc") differ. One digest per thread: looking the
   * algorithm up per row was a tenth of the id's cost.
   */
  public static String of(List<String> values) {
    MessageDigest sha = SHA.get();
    sha.reset();
    byte[] length = new byte[11];
    for (String v : values) {
      if (v == null) {
        sha.update(NULL_LENGTH);
        sha.update((byte) ':');
        continue;
      }
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
      sha.update(length, 0, decimal(bytes.length, length));
      sha.update((byte) ':');
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  /** Writes {@code n} (not negative) in ASCII decimal at the start of {@code out}; its length. */
  private static int decimal(int n, byte[] out) {
    int digits = 1;
    for (int rest = n; rest >= 10; rest /= 10) {
      digits++;
    }
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return digits;
  }
}
