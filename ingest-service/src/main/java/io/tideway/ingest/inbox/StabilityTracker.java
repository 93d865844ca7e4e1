package io.tideway.ingest.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each inbox file's size and mtime across scans and reports a file once both have not
 * changed for the configured time: a writer still copying the file keeps moving one of them. A file
 * that was already that long unwritten when its folder last changed (written elsewhere, then moved
 * in) is reported at first sight.
 */
public final class StabilityTracker {

  private final long stableForMillis;
  private final Map<String, Seen> seen = new HashMap<>();

  public StabilityTracker(Duration stableFor) {
    this.stableForMillis = stableFor.toMillis();
  }

  /**
   * Records one scan (key = path, value = state) taken at {@code nowMillis}; returns the keys whose
   * state has been unchanged for at least the stable time. Keys absent from the scan are forgotten.
   */
  public List<String> observe(Map<String, FileState> scan, long nowMillis) {
    seen.keySet().retainAll(scan.keySet());
    List<String> stable = new ArrayList<>();
    scan.forEach(
        (key, state) -> {
          Seen since = seen.get(key);
          if (since == null || !since.state.sameFileAs(state)) {
            since = new Seen(state, nowMillis);
            seen.put(key, since);
          }
          if (nowMillis - since.since >= stableForMillis
              || state.quietBeforeFolderChanged(stableForMillis)) {
            stable.add(key);
          }
        });
    return stable;
  }

  /**
   * When the earliest file seen but not yet stable becomes stable, or {@link Long#MAX_VALUE}: the
   * watcher scans again then rather than a whole scan interval later.
   */
  public long nextStableAt(long nowMillis) {
    long next = Long.MAX_VALUE;
    for (Seen s : seen.values()) {
      long at = s.since + stableForMillis;
      if (at > nowMillis && at < next) {
        next = at;
      }
    }
    return next;
  }

  /** Forgets a key, e.g. after the file was claimed. */
  public void forget(String key) {
    seen.remove(key);
  }

  private record Seen(FileState state, long since) {}
}
