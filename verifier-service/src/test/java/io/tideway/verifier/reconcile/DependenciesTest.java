package io.tideway.verifier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.reconcile.Dependencies.Dependency;
import io.tideway.verifier.reconcile.Dependencies.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DependenciesTest {

  private static final OwnCheck HOLDS = new OwnCheck(25000, 25000, true);
  private static final OwnCheck EMPTY = new OwnCheck(0, 25000, true);
  private static final OwnCheck CHANGED = new OwnCheck(25000, 25000, false);

  private static Dependency dep(String id, FileStatus status, OwnCheck check) {
    return new Dependency(id, id + ".csv", status, check);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, duplicatesOf, known files, outcome, text every problem line contains (null: no
        // problem)
        Arguments.of("no duplicates of other files", Map.of(), List.of(), Outcome.HOLDS, null),
        Arguments.of("null map from an older cleaner", null, List.of(), Outcome.HOLDS, null),
        Arguments.of(
            "dependency holds its documents",
            Map.of("a", 25534L),
            List.of(dep("a", FileStatus.VERIFIED, HOLDS)),
            Outcome.HOLDS,
            null),
        Arguments.of(
            "a MISMATCH dependency whose own documents are all there still holds",
            Map.of("a", 5L),
            List.of(dep("a", FileStatus.MISMATCH, HOLDS)),
            Outcome.HOLDS,
            null),
        Arguments.of(
            "a FAILED dependency that holds its partial load",
            Map.of("a", 25534L),
            List.of(dep("a", FileStatus.FAILED, HOLDS)),
            Outcome.HOLDS,
            null),
        Arguments.of(
            "zero rows are no dependency", Map.of("gone", 0L), List.of(), Outcome.HOLDS, null),
        Arguments.of(
            "dependency not checked yet",
            Map.of("a", 7L),
            List.of(dep("a", FileStatus.INGESTING, null)),
            Outcome.WAITING,
            "waiting for the MongoDB check of file a (a.csv, INGESTING): 7 rows"),
        Arguments.of(
            "dependency rolled back",
            Map.of("a", 25534L),
            List.of(dep("a", FileStatus.ROLLED_BACK, HOLDS)),
            Outcome.BROKEN,
            "25534 rows counted as duplicates of file a (a.csv, ROLLED_BACK) point to documents missing"),
        Arguments.of(
            "dependency unknown to the verifier",
            Map.of("x", 55500L),
            List.of(),
            Outcome.BROKEN,
            "55500 rows counted as duplicates of file x, which the verifier does not know"),
        Arguments.of(
            "dependency's own check found documents missing",
            Map.of("a", 55500L),
            List.of(dep("a", FileStatus.VERIFIED, EMPTY)),
            Outcome.BROKEN,
            "55500 rows counted as duplicates of file a (a.csv, VERIFIED) point to documents missing from MongoDB"
                + " (its check found 0 of 25000 documents)"),
        Arguments.of(
            "dependency's content changed",
            Map.of("a", 3L),
            List.of(dep("a", FileStatus.MISMATCH, CHANGED)),
            Outcome.BROKEN,
            "content differs"),
        Arguments.of(
            "a broken dependency wins over one still to be checked",
            Map.of("a", 1L, "b", 2L),
            List.of(dep("a", FileStatus.INGESTED, null), dep("b", FileStatus.ROLLED_BACK, null)),
            Outcome.BROKEN,
            "2 rows counted as duplicates of file b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhetherTheDuplicatesStillPointToDocuments(
      String name,
      Map<String, Long> duplicatesOf,
      List<Dependency> known,
      Outcome outcome,
      String problem) {
    Map<String, Dependency> byId = new HashMap<>();
    known.forEach(d -> byId.put(d.fileId(), d));

    Dependencies.Verdict v = Dependencies.evaluate(duplicatesOf, byId::get);

    assertThat(v.outcome()).isEqualTo(outcome);
    if (problem == null) {
      assertThat(v.problems()).isEmpty();
    } else {
      assertThat(v.problems()).singleElement().asString().contains(problem);
    }
  }
}
