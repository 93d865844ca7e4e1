package io.tideway.verifier.ledger;

import io.tideway.contracts.payload.FileStatus;
import java.util.Locale;

/**
 * A page of the files list: a search in name, id, source and mapping (case-insensitive), a status,
 * the page (from 1) and its size.
 */
public record FileQuery(String search, FileStatus status, int page, int size) {

  /** Largest page the API serves. */
  public static final int MAX_SIZE = 500;

  public FileQuery {
    search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, got " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_SIZE + ", got " + size);
    }
  }

  /** Whether a file with these fields is on the list (before paging). */
  boolean matches(FileStatus shown, String fileId, String fileName, String source, String mapping) {
    if (status != null && shown != status) {
      return false;
    }
    return search == null
        || contains(fileId)
        || contains(fileName)
        || contains(source)
        || contains(mapping);
  }

  private boolean contains(String field) {
    return field != null && field.toLowerCase(Locale.ROOT).contains(search);
  }
}
