package io.tideway.verifier.ledger;

import io.tideway.verifier.config.VerifierConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which settled files MongoDB should be asked about now: recent files are counted every {@code
 * audit-interval} and fully checked every {@code recent-digest-audit-interval}, older ones on the
 * slower intervals; the most overdue come first. Pure: the ledger holds the lock.
 */
final class AuditSchedule {

  /** A file due for a check; {@code periodic} when only its interval, not an event, asks for it. */
  record Due(FileRecord file, boolean periodic) {}

  private final VerifierConfig config;

  AuditSchedule(VerifierConfig config) {
    this.config = config;
  }

  /**
   * Full checks due, at most {@code limit}: files whose numbers newly add up first, then files
   * whose count audit saw a change, then the most overdue periodic re-audits.
   */
  List<Due> fullChecks(
      Iterable<FileRecord> files, Predicate<FileRecord> checkable, Instant now, int limit) {
    List<FileRecord> first = new ArrayList<>();
    List<FileRecord> wanted = new ArrayList<>();
    List<FileRecord> overdue = new ArrayList<>();
    for (FileRecord f : files) {
      if (!checkable.test(f)) {
        continue;
      }
      if (f.version != f.checkedVersion) {
        first.add(f);
      } else if (f.digestWanted) {
        wanted.add(f);
      } else if (!lastFull(f).plus(fullInterval(f, now)).isAfter(now)) {
        overdue.add(f);
      }
    }
    overdue.sort(Comparator.comparing(AuditSchedule::lastFull));
    List<Due> due = new ArrayList<>();
    for (List<FileRecord> group : List.of(first, wanted, overdue)) {
      for (FileRecord f : group) {
        if (due.size() >= limit) {
          return due;
        }
        due.add(new Due(f, group == overdue));
      }
    }
    return due;
  }

  /** Count audits due, most overdue first, at most {@code audit-batch}. */
  List<FileRecord> counts(
      Iterable<FileRecord> files, Predicate<FileRecord> checkable, Instant now) {
    List<FileRecord> due = new ArrayList<>();
    for (FileRecord f : files) {
      if (checkable.test(f)
          && f.version == f.checkedVersion
          && f.lastCheckAt != null
          && !nextCount(f, now).isAfter(now)) {
        due.add(f);
      }
    }
    due.sort(Comparator.comparing(f -> nextCount(f, now)));
    return due.subList(0, Math.min(due.size(), Math.max(1, config.getAuditBatch())));
  }

  private static Instant lastFull(FileRecord f) {
    return f.lastFullCheckAt != null ? f.lastFullCheckAt : Instant.EPOCH;
  }

  private boolean recent(FileRecord f, Instant now) {
    // Record time, not the payload's clock: recency is about when the verifier could first see it.
    Instant ref = f.completedRecordAt != null ? f.completedRecordAt : f.firstSeenAt;
    return Duration.between(ref, now).compareTo(config.getRecentWindow()) <= 0;
  }

  private Duration fullInterval(FileRecord f, Instant now) {
    return recent(f, now) ? config.getRecentDigestAuditInterval() : config.getDigestAuditInterval();
  }

  private Instant nextCount(FileRecord f, Instant now) {
    return f.lastCheckAt.plus(
        recent(f, now) ? config.getAuditInterval() : config.getOldAuditInterval());
  }
}
