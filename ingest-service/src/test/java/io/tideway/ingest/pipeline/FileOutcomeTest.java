package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.IngestCheckpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a claimed file comes to before any of it is read: checkpoint × manifest × mapping. */
class FileOutcomeTest {

  private static final IngestCheckpoint NONE = null;
  private static final IngestCheckpoint HALF = checkpoint(500, false);
  private static final IngestCheckpoint DONE = checkpoint(1000, true);
  private static final String REFUSED = "a symbolic link is not read";
  private static final String NO_MAPPING = "unknown mapping 'x'";

  private static IngestCheckpoint checkpoint(long rows, boolean done) {
    return new IngestCheckpoint(
        IngestCheckpoint.SCHEMA, "f1", "a.csv", rows, rows + 1, rows * 80, done, Instant.EPOCH);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // committed, manifest failure, mapping problem -> outcome (empty: read the file)
        Arguments.of(NONE, null, null, Optional.empty()),
        Arguments.of(HALF, null, null, Optional.empty()),
        Arguments.of(DONE, null, null, Optional.of(new FileOutcome.Completed(1000))),
        Arguments.of(DONE, null, NO_MAPPING, Optional.of(new FileOutcome.Completed(1000))),
        Arguments.of(DONE, REFUSED, null, Optional.of(new FileOutcome.FailedEarlier(REFUSED))),
        Arguments.of(NONE, REFUSED, null, Optional.of(new FileOutcome.Failed(REFUSED, null))),
        Arguments.of(HALF, REFUSED, NO_MAPPING, Optional.of(new FileOutcome.Failed(REFUSED, HALF))),
        Arguments.of(NONE, null, NO_MAPPING, Optional.of(new FileOutcome.Failed(NO_MAPPING, null))),
        Arguments.of(
            HALF, null, NO_MAPPING, Optional.of(new FileOutcome.Failed(NO_MAPPING, HALF))));
  }

  @ParameterizedTest
  @MethodSource("table")
  void beforeReading(
      IngestCheckpoint committed,
      String manifestFailure,
      String mappingProblem,
      Optional<FileOutcome> expected) {
    assertThat(FileOutcome.beforeReading(committed, manifestFailure, () -> mappingProblem))
        .isEqualTo(expected);
  }

  @Test
  void aFileSettledByItsCheckpointOrManifestNeverWaitsForItsMapping() {
    Supplier<String> mapping =
        () -> {
          throw new AssertionError("the mapping was resolved");
        };
    assertThat(FileOutcome.beforeReading(DONE, null, mapping))
        .contains(new FileOutcome.Completed(1000));
    assertThat(FileOutcome.beforeReading(HALF, REFUSED, mapping))
        .contains(new FileOutcome.Failed(REFUSED, HALF));
  }
}
