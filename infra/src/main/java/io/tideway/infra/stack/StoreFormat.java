package io.tideway.infra.stack;

import java.util.Set;

/**
 * How the embedded store's file encodes documents and index keys. Files written before {@link
 * #BSON} existed hold Java-serialized values, which the BSON types cannot read, so a file keeps the
 * format it was created with: a new file is {@link #BSON} (and says so in {@link #MARKER_MAP}), a
 * file with collections and no marker is {@link #JAVA_SERIALIZED}.
 */
enum StoreFormat {
  /** The library's default types: Java serialization (every file before the marker). */
  JAVA_SERIALIZED,
  /** Documents and index keys as BSON ({@link BsonDocumentType}, {@link IndexKeyType}). */
  BSON;

  /** The MVStore map holding the marker. */
  static final String MARKER_MAP = "tideway.format";

  /** The marker's key in {@link #MARKER_MAP}. */
  static final String MARKER_KEY = "values";

  /** The format of a file, from its map names and its marker (null when it has none). */
  static StoreFormat of(Set<String> mapNames, String marker) {
    if (marker != null) {
      return valueOf(marker);
    }
    boolean hasCollections = mapNames.stream().anyMatch(n -> n.startsWith("databases."));
    return hasCollections ? JAVA_SERIALIZED : BSON;
  }
}
