package io.tideway.verifier.reconcile;

import static io.tideway.contracts.digest.DigestVersion.V1;
import static io.tideway.contracts.digest.DigestVersion.V2;
import static io.tideway.contracts.digest.DigestVersion.V3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.DigestVersion;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestBasisTest {

  static Stream<Arguments> cases() {
    DigestBasis none = DigestBasis.NONE;
    return Stream.of(
        Arguments.of("nothing digested yet", none, Optional.of(V3)),
        Arguments.of("a file cleaned before v2", none.withCleaner(V1), Optional.of(V1)),
        Arguments.of(
            "before v2 on both sides", none.withCleaner(V1).withLoader(V1), Optional.of(V1)),
        Arguments.of("v2 on both sides", none.withCleaner(V2).withLoader(V2), Optional.of(V2)),
        Arguments.of("v3 on both sides", none.withCleaner(V3).withLoader(V3), Optional.of(V3)),
        Arguments.of(
            "cleaner partitions counted before and after the upgrade to v3",
            none.withCleaner(V2).withCleaner(V3),
            Optional.empty()),
        Arguments.of(
            "cleaner v3, matched digest of a loader not yet upgraded",
            none.withCleaner(V3).withLoader(V2),
            Optional.empty()),
        Arguments.of(
            "cleaner partitions of both versions",
            none.withCleaner(V1).withCleaner(V2),
            Optional.empty()),
        Arguments.of(
            "cleaner v1, matched digest of an upgraded loader v2",
            none.withCleaner(V1).withLoader(V2),
            Optional.empty()),
        Arguments.of(
            "a partition that summed both", none.withCleaner(V2).withUnstated(), Optional.empty()),
        Arguments.of(
            "the two sides joined",
            none.withCleaner(V1).plus(none.withLoader(V2)),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDigestIsComparableInOneVersionOnly(
      String why, DigestBasis basis, Optional<DigestVersion> version) {
    assertThat(basis.version()).isEqualTo(version);
    if (version.isEmpty()) {
      assertThat(basis.describe()).startsWith("different digest versions: cleaner v");
    }
  }
}
