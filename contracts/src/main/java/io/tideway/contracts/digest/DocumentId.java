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

  private DocumentId() {}

  /**
   * The id of a row whose cleaned dedup-key values are {@code values}, in mapping order. Values are
   * length-prefixed so that ("ab","c") and ("a","bc") differ.
   */
  public static String of(List<String> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String v : values) {
        byte[] bytes = v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
        sha.update(
            (v == null ? "-1" : Integer.toString(bytes.length))
                .getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
