package io.tideway.ingest.pipeline;

import io.tideway.contracts.payload.IngestCheckpoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What became of one pass over a claimed file. {@link FileRun} and the checks before it return one;
 * {@link FileIngestor} settles it (archive, error folder, FAILED event) in one place.
 */
public sealed interface FileOutcome {

  /** Every row and COMPLETED are committed: the file goes to archive/. */
  record Completed(long rows) implements FileOutcome {}

  /**
   * The file itself cannot be ingested: FAILED is still to be published, after {@code committed}
   * (the last committed checkpoint, null before the first), and the file goes to error/.
   */
  record Failed(String reason, IngestCheckpoint committed) implements FileOutcome {}

  /** FAILED was committed before a crash: only the move to error/ is left. */
  record FailedEarlier(String reason) implements FileOutcome {}

  /** Ingest is stopping: the open transaction is aborted, the file stays in processing/. */
  record Stopped() implements FileOutcome {}

  /**
   * The outcome a claimed file has before any of it is read, from its last committed checkpoint,
   * the failure its manifest records and why its mapping cannot be used (null: it can); empty when
   * the file must be read. The mapping is asked about only when neither of the first two settles
   * the file: resolving a pinned version may wait for the mappings topic.
   */
  static Optional<FileOutcome> beforeReading(
      IngestCheckpoint committed, String manifestFailure, Supplier<String> mappingProblem) {
    if (committed != null && committed.done()) {
      // Crashed after the final commit, before the move: only the move is left.
      return Optional.of(
          manifestFailure != null
              ? new FailedEarlier(manifestFailure)
              : new Completed(committed.rows()));
    }
    if (manifestFailure != null) {
      return Optional.of(new Failed(manifestFailure, committed));
    }
    String problem = mappingProblem.get();
    if (problem != null) {
      return Optional.of(new Failed(problem, committed));
    }
    return Optional.empty();
  }
}
