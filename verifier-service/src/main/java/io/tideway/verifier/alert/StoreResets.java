package io.tideway.verifier.alert;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.Alert.Severity;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STORE_RESET: MongoDB lost its data behind the pipeline's back. One CRITICAL alert names every
 * file that had documents there and asks for a replay of each; it follows the files still to repair
 * and resolves when each is verified again, rolled back or replayed (its {@code -rN} replay
 * VERIFIED).
 */
final class StoreResets {

  /** At most this many files are named in the message; the rest are counted. */
  static final int LISTED = 20;

  private final AlertBook book;
  private Instant resetAt;
  private final Map<String, String> affected = new LinkedHashMap<>();

  StoreResets(AlertBook book) {
    this.book = book;
  }

  /** The store was found reset at {@code now}: every file with documents is affected. */
  Optional<Alert> reset(List<IntegrityEvent> files, Instant now) {
    resetAt = now;
    for (IntegrityEvent f : files) {
      boolean hadDocuments =
          (f.documentsInMongo() != null && f.documentsInMongo() > 0) || f.inserted() > 0;
      if (hadDocuments && f.status() != FileStatus.ROLLED_BACK) {
        affected.put(f.fileId(), f.fileName() != null ? f.fileName() : f.fileId());
      }
    }
    return announce(files, now);
  }

  /** Drops the files repaired since, and updates or resolves the alert. */
  Optional<Alert> evaluate(List<IntegrityEvent> files, Instant now) {
    String id = AlertBook.id(AlertType.STORE_RESET, AlertRules.PIPELINE);
    if (resetAt == null) {
      // Restored open after a restart without the list: resolve once no file is MISMATCH any more.
      boolean mismatch = files.stream().anyMatch(f -> f.status() == FileStatus.MISMATCH);
      return book.isOpen(id) && !mismatch
          ? book.resolve(
              AlertType.STORE_RESET, AlertRules.PIPELINE, "no file is MISMATCH any more", now)
          : Optional.empty();
    }
    return announce(files, now);
  }

  private Optional<Alert> announce(List<IntegrityEvent> files, Instant now) {
    affected.keySet().removeIf(id -> repaired(id, files));
    if (affected.isEmpty()) {
      resetAt = null;
      return book.resolve(
          AlertType.STORE_RESET,
          AlertRules.PIPELINE,
          "every file that had documents before the store reset is verified, replayed or rolled back",
          now);
    }
    List<String> named = new ArrayList<>();
    affected.entrySet().stream()
        .limit(LISTED)
        .forEach(e -> named.add(e.getKey() + " (" + e.getValue() + ")"));
    String more = affected.size() > LISTED ? " and " + (affected.size() - LISTED) + " more" : "";
    String message =
        "MongoDB was reset at "
            + resetAt
            + ": its marker document tideway_meta/store vanished"
            + " (an in-memory store restarted, or the database was dropped or restored), so documents the"
            + " pipeline loaded are gone. "
            + affected.size()
            + " file(s) had documents there: "
            + String.join(", ", named)
            + more
            + ". Run ./pipeline replay --file ID for each.";
    return book.raise(
        AlertType.STORE_RESET,
        AlertRules.PIPELINE,
        null,
        Severity.CRITICAL,
        message,
        List.of(),
        now);
  }

  private boolean repaired(String id, List<IntegrityEvent> files) {
    for (IntegrityEvent f : files) {
      if (f.fileId().equals(id)) {
        boolean verifiedSince =
            f.status() == FileStatus.VERIFIED
                && f.verifiedAt() != null
                && f.verifiedAt().isAfter(resetAt);
        if (f.status() == FileStatus.ROLLED_BACK || verifiedSince) {
          return true;
        }
      } else if (f.fileId().matches(java.util.regex.Pattern.quote(id) + "-r\\d+")
          && f.status() == FileStatus.VERIFIED) {
        return true;
      }
    }
    return false;
  }
}
