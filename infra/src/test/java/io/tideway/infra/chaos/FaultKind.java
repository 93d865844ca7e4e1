package io.tideway.infra.chaos;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of fault a chaos trial may inject, as named in {@code
 * -Dchaos.faults=services,broker,store,freeze}.
 */
public enum FaultKind {
  /** kill -9 of ingest, cleaner, loader or verifier. */
  SERVICES(List.of(Target.INGEST, Target.CLEANER, Target.LOADER, Target.VERIFIER)),
  /** kill -9 of the Kafka broker. */
  BROKER(List.of(Target.BROKER)),
  /** kill -9 of the embedded MongoDB-compatible store (on its data dir). */
  STORE(List.of(Target.STORE)),
  /** SIGSTOP of the store, SIGCONT 20–60 s later. */
  FREEZE(List.of(Target.STORE));

  private final List<Target> targets;

  FaultKind(List<Target> targets) {
    this.targets = targets;
  }

  /** The processes a fault of this kind may hit. */
  public List<Target> targets() {
    return targets;
  }

  /**
   * Parses a comma-separated list ("all" for every kind); an unknown name is refused with the valid
   * ones.
   */
  public static Set<FaultKind> parse(String spec) {
    Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
    for (String part : spec.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("ALL")) {
        kinds.addAll(EnumSet.allOf(FaultKind.class));
        continue;
      }
      try {
        kinds.add(FaultKind.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "chaos.faults: unknown fault kind '"
                + part.trim()
                + "'; use a comma-separated list of services, broker, store, freeze (or all)");
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException(
          "chaos.faults is empty; use e.g. services,broker,store,freeze");
    }
    return kinds;
  }
}
