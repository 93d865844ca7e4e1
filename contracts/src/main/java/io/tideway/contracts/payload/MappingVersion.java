package io.tideway.contracts.payload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One version of a mapping on {@code tideway.mappings} (compacted), key = {@code name@version}:
 * versions are never overwritten, so a file is cleaned with the exact version it was started with.
 *
 * @param version 1, 2, ... per name
 * @param yaml the mapping file's text, as applied
 * @param sha256 hex SHA-256 of {@code yaml}: identical content is never published twice in a row
 * @param origin who published it: {@code built-in} (jar or {@code TIDEWAY_MAPPINGS_DIR}), {@code
 *     applied} ({@code ./pipeline mapping apply}), {@code inferred} (ingest, for a new header)
 */
public record MappingVersion(
    int schema,
    String name,
    int version,
    String yaml,
    String sha256,
    Instant appliedAt,
    String origin) {

  /** Schema of the records this version writes. */
  public static final int SCHEMA = 1;

  /** Origin of a mapping shipped in the jar or read from {@code TIDEWAY_MAPPINGS_DIR}. */
  public static final String BUILT_IN = "built-in";

  /** Origin of a mapping published by {@code ./pipeline mapping apply}. */
  public static final String APPLIED = "applied";

  /** Origin of a mapping ingest inferred from a file's header. */
  public static final String INFERRED = "inferred";

  /** A new version of {@code name} with {@code yaml}, applied now. */
  public static MappingVersion of(String name, int version, String yaml, String origin) {
    return new MappingVersion(SCHEMA, name, version, yaml, sha256(yaml), Instant.now(), origin);
  }

  /** The topic key of this version. */
  public String key() {
    return key(name, version);
  }

  /** The topic key of version {@code version} of {@code name}. */
  public static String key(String name, int version) {
    return name + "@" + version;
  }

  /** Hex SHA-256 of a mapping text. */
  public static String sha256(String yaml) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
