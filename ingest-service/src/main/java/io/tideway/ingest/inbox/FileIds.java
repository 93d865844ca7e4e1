package io.tideway.ingest.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;

/** File identity: content fingerprint, the deterministic id, and the re-drop suffix. */
public final class FileIds {

  private FileIds() {}

  /**
   * SHA-256 (hex) and size of a file's bytes as stored (compressed files are not inflated); sha256
   * is null for an unread entry.
   */
  public record Fingerprint(String sha256, long bytes) {}

  public static Fingerprint fingerprint(Path file) throws IOException {
    MessageDigest sha = sha256();
    long bytes = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        bytes += n;
      }
    }
    return new Fingerprint(HexFormat.of().formatHex(sha.digest()), bytes);
  }

  /** First 16 hex chars of sha256(mapping + "\n" + file name + "\n" + content sha256). */
  public static String baseId(String mapping, String fileName, String contentSha256) {
    byte[] digest =
        sha256()
            .digest(
                (mapping + "\n" + fileName + "\n" + contentSha256)
                    .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 16);
  }

  /**
   * The base id, or {@code base-2}, {@code base-3}, ... for a re-drop of an already completed file,
   * so its rows become new rows (counted as duplicates downstream) instead of vanishing.
   */
  public static String uniqueId(String base, Predicate<String> taken) {
    if (!taken.test(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String candidate = base + "-" + n;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JVM without SHA-256", e);
    }
  }
}
