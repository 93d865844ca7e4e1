package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.RejectedRow;

/**
 * What the dedup decided for one row; the topology routes each kind to its topic and the counters
 * count it. {@code counted} is false for a row seen before under the same file and row (a replay by
 * ingest or a reprocessed batch): it is re-emitted but never counted twice.
 */
public sealed interface Verdict permits Verdict.Cleaned, Verdict.Duplicate, Verdict.Rejected {

  /** The row as the clean stage left it. */
  CleanOutcome row();

  /** Whether the counters count this row (its first sighting under its file and row). */
  boolean counted();

  /** The file's counters with this row counted (its quality report not included). */
  FileCounters countIn(FileCounters counters, long now);

  /** First sighting of a document: its BSON goes to the cleaned topic. */
  record Cleaned(CleanOutcome row, boolean counted) implements Verdict {
    public byte[] document() {
      return row.document();
    }

    @Override
    public FileCounters countIn(FileCounters counters, long now) {
      return counters.plusCleaned(row.hash(), row.warnings(), now);
    }
  }

  /** A document first seen in another row (of this file or another). */
  record Duplicate(CleanOutcome row, boolean counted, DuplicateRow payload) implements Verdict {
    /** The file the document was first seen in. */
    public String firstFileId() {
      return payload.firstFileId();
    }

    @Override
    public FileCounters countIn(FileCounters counters, long now) {
      return counters.plusDuplicate(payload.firstFileId(), now);
    }
  }

  /** A row that cannot be represented, with every reason. */
  record Rejected(CleanOutcome row, boolean counted, RejectedRow payload) implements Verdict {
    @Override
    public FileCounters countIn(FileCounters counters, long now) {
      return counters.plusRejected(now);
    }
  }
}
