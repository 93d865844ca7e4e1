package io.tideway.verifier.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each group's total lag over the last minutes, kept by the verifier so that a chart is full from
 * the moment a page opens instead of starting empty on every load.
 */
public final class LagHistory {

  /** How far back the history reaches. */
  public static final Duration KEEP = Duration.ofMinutes(15);

  private final Map<String, Deque<Point>> byGroup = new LinkedHashMap<>();

  /** One sample: the group's total lag at that time. */
  public record Point(Instant at, long lag) {}

  /** Adds one sample per group and forgets samples older than {@link #KEEP}. */
  public synchronized void record(Instant now, List<GroupLag> groups) {
    for (GroupLag g : groups) {
      byGroup
          .computeIfAbsent(g.group(), k -> new ArrayDeque<>())
          .addLast(new Point(now, g.totalLag()));
    }
    Instant oldest = now.minus(KEEP);
    byGroup
        .values()
        .forEach(
            points -> {
              while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
                points.removeFirst();
              }
            });
  }

  /** Every group's samples, oldest first. */
  public synchronized Map<String, List<Point>> snapshot() {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    byGroup.forEach((group, points) -> out.put(group, List.copyOf(points)));
    return out;
  }
}
