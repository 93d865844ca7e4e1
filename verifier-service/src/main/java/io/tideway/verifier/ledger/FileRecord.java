package io.tideway.verifier.ledger;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.lifecycle.FileLifecycle;
import io.tideway.verifier.lifecycle.WaitCause;
import java.time.Instant;
import java.util.List;

/** Everything the verifier knows about one file; guarded by the {@link FileLedger}'s lock. */
final class FileRecord {

  final String fileId;
  String fileName;
  String mapping;

  /** The version of {@link #mapping} ingest chose for the file; 0 when unknown. */
  int mappingVersion;

  /**
   * Where the file came from (inbox path, {@code s3://} URI, {@code replay:ID}), from its events.
   */
  String source;

  /** Status and wait cause; changed only through {@link FileLifecycle#next}. */
  FileLifecycle.State state = FileLifecycle.State.NEW;

  boolean completed;
  long rowsSoFar;
  long rowsRead;
  Instant discoveredAt;
  Instant startedAt;
  Instant completedAt;
  Instant verifiedAt;
  Instant firstSeenAt;

  /** Record time of the latest event touching the file; STALLED is measured from it. */
  Instant lastProgressAt;

  /**
   * The settle timeout runs from here: COMPLETED, a settled file that stopped adding up, the last
   * rise of either side's count, or MongoDB answering again.
   */
  Instant settleFrom;

  /** Record time of the COMPLETED event; recent files are audited more often. */
  Instant completedRecordAt;

  /** Bumped by every event touching the file, so a check started before an event is discarded. */
  long version;

  long checkedVersion = -1;

  /** What MongoDB answered at the last check; null until a check answered (unknown is not 0). */
  Long documentsInMongo;

  /** Documents of the last full check with a field missing or of the wrong type for the mapping. */
  long documentsNonconforming;

  /** Documents deleted by operator rollbacks (sum of ROLLED_BACK rows). */
  long deletedByRollback;

  String digestActual;
  List<String> problems = List.of();
  Instant lastCheckAt;
  Instant lastFullCheckAt;
  String lastCheckError;

  /** Why MongoDB did not answer the file's last check; null once a check answered. */
  WaitCause unanswered;

  /** A count audit saw the count of a MISMATCH file change: a full check may verify it again. */
  boolean digestWanted;

  /**
   * The file's own latest MongoDB check of its documents, null until one ran: files that counted
   * duplicates of them rely on it.
   */
  io.tideway.verifier.reconcile.OwnCheck ownCheck;

  /**
   * Its own invariants at the last check that decided its status, before the files it depends on
   * count.
   */
  io.tideway.verifier.reconcile.Reconciliation.Verdict ownVerdict;

  IntegrityEvent lastPublished;
  Instant lastPublishedAt;

  FileRecord(String fileId, Instant seenAt) {
    this.fileId = fileId;
    this.firstSeenAt = seenAt;
    this.lastProgressAt = seenAt;
  }

  /** The numbers the last version was bumped for; an identical re-sent counter does not bump it. */
  io.tideway.verifier.reconcile.Expected lastExpected;

  FileStatus status() {
    return state.status();
  }

  void touch(Instant at) {
    if (at != null && (lastProgressAt == null || at.isAfter(lastProgressAt))) {
      lastProgressAt = at;
    }
  }

  Instant sortTime() {
    if (startedAt != null) {
      return startedAt;
    }
    return discoveredAt != null ? discoveredAt : firstSeenAt;
  }
}
