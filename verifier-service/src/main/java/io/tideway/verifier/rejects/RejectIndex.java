package io.tideway.verifier.rejects;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each file's rejected rows lie on {@code tideway.rejected}: per partition the first and last
 * offset and how many. Rows themselves stay in the topic (they are personal data and may be
 * millions), so the verifier's memory grows with files, not with rejects.
 */
@Singleton
public final class RejectIndex {

  private final Map<String, FileRejects> byFile = new ConcurrentHashMap<>();

  /** Notes one committed reject record; a record seen again (same or lower offset) is ignored. */
  public void add(String fileId, int partition, long offset) {
    if (fileId == null) {
      return;
    }
    byFile.computeIfAbsent(fileId, id -> new FileRejects()).add(partition, offset);
  }

  /** The partitions and offset ranges holding this file's rejects; empty when it has none. */
  public List<Span> spans(String fileId) {
    FileRejects f = byFile.get(fileId);
    return f == null ? List.of() : f.spans();
  }

  /** How many reject records this file has. */
  public long count(String fileId) {
    return Optional.ofNullable(byFile.get(fileId)).map(FileRejects::count).orElse(0L);
  }

  /**
   * Offsets {@code first..last} (inclusive) of one partition hold all of a file's rejects there.
   */
  public record Span(int partition, long first, long last) {}

  private static final class FileRejects {
    private final TreeMap<Integer, long[]> ranges = new TreeMap<>();
    private long count;

    synchronized void add(int partition, long offset) {
      long[] range = ranges.get(partition);
      if (range == null) {
        ranges.put(partition, new long[] {offset, offset});
        count++;
      } else if (offset > range[1]) {
        range[1] = offset;
        count++;
      }
    }

    synchronized List<Span> spans() {
      return ranges.entrySet().stream()
          .map(e -> new Span(e.getKey(), e.getValue()[0], e.getValue()[1]))
          .toList();
    }

    synchronized long count() {
      return count;
    }
  }
}
