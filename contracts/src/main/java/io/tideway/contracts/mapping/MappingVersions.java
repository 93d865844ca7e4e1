package io.tideway.contracts.mapping;

import io.tideway.contracts.payload.MappingVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of every mapping read from {@code tideway.mappings}, name → version → text and
 * compiled mapping; serves the latest, a given version (waiting for it), and decides whether a text
 * is a new version ({@link #decide}).
 */
public final class MappingVersions {

  private static final Logger LOG = LoggerFactory.getLogger(MappingVersions.class);

  /** One version: its record on the topic and the mapping its text compiles to. */
  public record Versioned(MappingVersion record, Mapping mapping) {}

  /** What publishing a text means: the version it already is, or the number of the new one. */
  public record Decision(boolean unchanged, int version) {}

  private final Map<String, NavigableMap<Integer, Versioned>> byName = new ConcurrentHashMap<>();
  private final Object arrivals = new Object();

  /** Takes one record; a text that does not parse is skipped with a warning. */
  public void accept(MappingVersion record) {
    if (record == null || record.name() == null || record.version() < 1) {
      return;
    }
    Mapping mapping;
    try {
      mapping = MappingLoader.read(record.yaml() == null ? "" : record.yaml(), record.key());
    } catch (MappingException e) {
      LOG.warn(
          "mapping {} on the mappings topic is unusable, skipped: {}",
          record.key(),
          e.getMessage());
      return;
    }
    byName
        .computeIfAbsent(record.name(), n -> new ConcurrentSkipListMap<>())
        .put(record.version(), new Versioned(record, mapping));
    synchronized (arrivals) {
      arrivals.notifyAll();
    }
  }

  /** Whether version {@code version} of {@code name} was read. */
  public boolean has(String name, int version) {
    NavigableMap<Integer, Versioned> v = name == null ? null : byName.get(name);
    return v != null && v.containsKey(version);
  }

  /** The highest version of {@code name} read so far. */
  public Optional<Versioned> latest(String name) {
    NavigableMap<Integer, Versioned> v = name == null ? null : byName.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.lastEntry().getValue());
  }

  /** Every version of {@code name}, oldest first. */
  public List<Versioned> all(String name) {
    NavigableMap<Integer, Versioned> v = byName.get(name);
    return v == null ? List.of() : new ArrayList<>(v.values());
  }

  /** The names with at least one version, sorted. */
  public Set<String> names() {
    return new TreeMap<>(byName).keySet();
  }

  /**
   * Version {@code version} of {@code name}, waiting up to {@code timeout} for it to be read; a
   * {@link MappingException} naming what it waited for and what it has when it does not come.
   */
  public Versioned await(String name, int version, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean logged = false;
    synchronized (arrivals) {
      while (true) {
        NavigableMap<Integer, Versioned> v = byName.get(name);
        Versioned found = v == null ? null : v.get(version);
        if (found != null) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new MappingException(
              "mapping "
                  + name
                  + " v"
                  + version
                  + " was not read from the mappings topic within "
                  + timeout.toSeconds()
                  + "s (latest read: "
                  + latest(name).map(l -> "v" + l.record().version()).orElse("none")
                  + "): is the topic readable, and was the version published (./pipeline mapping"
                  + " list)?");
        }
        if (!logged) {
          LOG.info(
              "WAITING for mapping {} v{} from the mappings topic (up to {}s)",
              name,
              version,
              timeout.toSeconds());
          logged = true;
        }
        try {
          arrivals.wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MappingException(
              "interrupted while waiting for mapping " + name + " v" + version, e);
        }
      }
    }
  }

  /**
   * Whether {@code sha256} is a new version of a mapping that has {@code existing} versions: the
   * same text as the latest is unchanged; for a {@code seed} (a built-in or mapping-dir file
   * published at start) the same text as any earlier version is too, so a restart never undoes a
   * version applied since. Otherwise the next number.
   */
  public static Decision decide(List<MappingVersion> existing, String sha256, boolean seed) {
    int latest = 0;
    String latestSha = null;
    Integer sameAsEarlier = null;
    for (MappingVersion v : existing) {
      if (v.version() > latest) {
        latest = v.version();
        latestSha = v.sha256();
      }
      if (sha256.equals(v.sha256())) {
        sameAsEarlier = sameAsEarlier == null ? v.version() : Math.max(sameAsEarlier, v.version());
      }
    }
    if (sha256.equals(latestSha)) {
      return new Decision(true, latest);
    }
    if (seed && sameAsEarlier != null) {
      return new Decision(true, sameAsEarlier);
    }
    return new Decision(false, latest + 1);
  }

  /** {@link #decide} against the versions of {@code name} read so far. */
  public Decision decide(String name, String sha256, boolean seed) {
    return decide(all(name).stream().map(Versioned::record).toList(), sha256, seed);
  }
}
