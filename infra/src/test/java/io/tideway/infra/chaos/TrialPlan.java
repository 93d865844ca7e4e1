package io.tideway.infra.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of one chaos trial, drawn from its seed alone, so that {@code -Dchaos.seed=S
 * -Dchaos.trials=1} replays the trial printed with seed S.
 */
public record TrialPlan(long seed, List<Fault> faults) {

  /** Faults fire between these fractions of their stage's progress. */
  static final double EARLIEST = 0.05;

  static final double LATEST = 0.85;
  static final int MIN_FREEZE_S = 20;
  static final int MAX_FREEZE_S = 60;

  public TrialPlan {
    faults = List.copyOf(faults);
  }

  /** One or two faults of the given kinds, on different targets. */
  public static TrialPlan draw(long seed, Set<FaultKind> kinds) {
    Random random = new Random(seed);
    List<FaultKind> kindList = kinds.stream().sorted().toList();
    int count = 1 + random.nextInt(2);
    List<Fault> faults = new ArrayList<>();
    for (int attempt = 0; faults.size() < count && attempt < 20; attempt++) {
      FaultKind kind = kindList.get(random.nextInt(kindList.size()));
      Target target = kind.targets().get(random.nextInt(kind.targets().size()));
      Stage stage =
          target.stage() != null
              ? target.stage()
              : Stage.values()[random.nextInt(Stage.values().length)];
      double at = EARLIEST + random.nextDouble() * (LATEST - EARLIEST);
      Duration frozen =
          kind == FaultKind.FREEZE
              ? Duration.ofSeconds(MIN_FREEZE_S + random.nextInt(MAX_FREEZE_S - MIN_FREEZE_S + 1))
              : Duration.ZERO;
      if (faults.stream().noneMatch(f -> f.target() == target)) {
        faults.add(new Fault(kind, target, stage, at, frozen));
      }
    }
    return new TrialPlan(seed, faults);
  }

  /** {@code kill -9 loader-service at 43% loaded + SIGSTOP mongo 37s at 20% loaded}. */
  public String describe() {
    return String.join(" + ", faults.stream().map(Fault::describe).toList());
  }
}
