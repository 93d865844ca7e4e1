package io.tideway.infra.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialPlanTest {

  @Test
  void theSameSeedDrawsTheSamePlan() {
    Set<FaultKind> all = EnumSet.allOf(FaultKind.class);
    LongStream.range(0, 200)
        .forEach(
            seed -> assertThat(TrialPlan.draw(seed, all)).isEqualTo(TrialPlan.draw(seed, all)));
    assertThat(
            LongStream.range(0, 50)
                .mapToObj(s -> TrialPlan.draw(s, all).describe())
                .distinct()
                .count())
        .as("different seeds, different plans")
        .isGreaterThan(25);
  }

  @ParameterizedTest
  @CsvSource({
    "services,            'INGEST,CLEANER,LOADER,VERIFIER'",
    "broker,              BROKER",
    "store,               STORE",
    "freeze,              STORE",
    "'services,broker',   'INGEST,CLEANER,LOADER,VERIFIER,BROKER'",
    "all,                 'INGEST,CLEANER,LOADER,VERIFIER,BROKER,STORE'",
  })
  void faultsHitOnlyTheEnabledKindsTargetsOneOrTwoDifferentOnes(String spec, String targets) {
    Set<FaultKind> kinds = FaultKind.parse(spec);
    Set<Target> allowed = EnumSet.noneOf(Target.class);
    for (String t : targets.split(",")) {
      allowed.add(Target.valueOf(t));
    }
    Set<Target> seen = EnumSet.noneOf(Target.class);
    for (long seed = 0; seed < 300; seed++) {
      TrialPlan plan = TrialPlan.draw(seed, kinds);
      assertThat(plan.faults()).hasSizeBetween(1, 2);
      assertThat(plan.faults().stream().map(Fault::target).distinct().count())
          .isEqualTo(plan.faults().size());
      for (Fault f : plan.faults()) {
        assertThat(kinds).contains(f.kind());
        assertThat(allowed).contains(f.target());
        assertThat(f.at()).isBetween(TrialPlan.EARLIEST, TrialPlan.LATEST);
        assertThat(f.stage()).isNotNull();
        if (f.freezes()) {
          assertThat(f.frozenFor()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(60));
        } else {
          assertThat(f.frozenFor()).isZero();
        }
        seen.add(f.target());
      }
    }
    assertThat(seen).as("every allowed target is drawn some time").isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"'services,typo'", "''", "' , '"})
  void anUnknownOrEmptyFaultListIsRefusedNamingTheValidKinds(String spec) {
    assertThatThrownBy(() -> FaultKind.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("services");
  }

  @Test
  void aFaultDescribesItselfForTheReport() {
    assertThat(
            new Fault(FaultKind.SERVICES, Target.LOADER, Stage.LOADED, 0.434, Duration.ZERO)
                .describe())
        .isEqualTo("kill -9 loader-service at 43% loaded");
    assertThat(
            new Fault(FaultKind.FREEZE, Target.STORE, Stage.LOADED, 0.2, Duration.ofSeconds(37))
                .describe())
        .isEqualTo("SIGSTOP mongo 37s at 20% loaded");
  }

  @ParameterizedTest
  @CsvSource({
    // stage,  rows_read, cleaned, duplicates, inserted, matched, progress (of 1000 rows, 990
    // cleaned)
    "READ,     500,       0,       0,          0,        0,       0.5",
    "CLEANED,  1000,      400,     100,        0,        0,       0.5",
    "LOADED,   1000,      990,     10,         495,      0,       0.5",
    "LOADED,   1000,      990,     10,         490,      5,       0.5",
  })
  void stageProgressComesFromTheVerifiersCounters(
      Stage stage,
      long read,
      long cleaned,
      long dups,
      long inserted,
      long matched,
      double expected) {
    ObjectNode entry =
        JsonNodeFactory.instance
            .objectNode()
            .put("rows_read", read)
            .put("cleaned", cleaned)
            .put("duplicates", dups)
            .put("inserted", inserted)
            .put("matched", matched);
    assertThat(stage.progress(entry, 1000, 990)).isEqualTo(expected);
    assertThat(stage.progress(null, 1000, 990)).isZero();
  }
}
