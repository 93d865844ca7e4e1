package io.tideway.verifier.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the committed offsets and log ends of the pipeline's consumer groups and evaluates them.
 */
public final class LagMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
  private static final long TIMEOUT_S = 10;

  private final Admin admin;
  private final List<String> groups;
  private final int windowSize;
  private final long tolerance;
  private final Map<String, Map<TopicPartition, Deque<LagSample>>> windows = new HashMap<>();
  private volatile List<GroupLag> latest = List.of();
  private final LagHistory history = new LagHistory();

  /** Gaps up to this many offsets are read to tell transaction markers from records. */
  static final long PROBED_GAP = 1000;

  private final GapProbe gaps;

  /** Per partition: the last gap (committed, end) read and whether it held nothing to read. */
  private final Map<TopicPartition, Gap> lastGap = new HashMap<>();

  private record Gap(long from, long end, boolean empty) {}

  public LagMonitor(Admin admin, List<String> groups, int windowSize, long tolerance) {
    this(admin, groups, windowSize, tolerance, GapProbe.NONE);
  }

  /**
   * A monitor that reads small gaps with {@code gaps}: a group whose committed offset is followed
   * only by transaction markers has lag 0.
   */
  public LagMonitor(
      Admin admin, List<String> groups, int windowSize, long tolerance, GapProbe gaps) {
    this.gaps = gaps;
    this.tolerance = Math.max(0, tolerance);
    this.admin = admin;
    this.groups = List.copyOf(groups);
    this.windowSize = Math.max(2, windowSize);
  }

  /** The latest evaluation of every group. */
  public List<GroupLag> snapshot() {
    return latest;
  }

  /** Total lag per group over the last {@link LagHistory#KEEP}, oldest first. */
  public Map<String, List<LagHistory.Point>> history() {
    return history.snapshot();
  }

  /** Takes one sample of every group; failures leave the previous evaluation in place. */
  public void sample(Instant now) {
    List<GroupLag> result = new ArrayList<>();
    for (String group : groups) {
      try {
        result.add(sampleGroup(group, now));
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
        LOG.debug("cannot sample group {}: {}", group, e.toString());
        latest.stream().filter(g -> g.group().equals(group)).findFirst().ifPresent(result::add);
      }
    }
    latest = List.copyOf(result);
    history.record(now, latest);
  }

  private GroupLag sampleGroup(String group, Instant now) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    committed.values().removeIf(v -> v == null);
    if (committed.isEmpty()) {
      return new GroupLag(group, false, LagStatus.OK, 0, List.of());
    }
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    committed.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin
            .listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    boolean active = membersActive(group);
    Map<TopicPartition, Deque<LagSample>> groupWindows =
        windows.computeIfAbsent(group, g -> new HashMap<>());
    List<GroupLag.PartitionLag> partitions = new ArrayList<>();
    LagStatus status = LagStatus.OK;
    long total = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
      TopicPartition tp = e.getKey();
      long end = ends.containsKey(tp) ? ends.get(tp).offset() : e.getValue().offset();
      long lag = lag(tp, e.getValue().offset(), end);
      Deque<LagSample> window = groupWindows.computeIfAbsent(tp, k -> new ArrayDeque<>());
      window.addLast(new LagSample(e.getValue().offset(), lag, now));
      while (window.size() > windowSize) {
        window.removeFirst();
      }
      LagStatus s = LagRules.evaluate(List.copyOf(window), active, windowSize, tolerance);
      status = status.worst(s);
      total += lag;
      partitions.add(
          new GroupLag.PartitionLag(
              tp.topic(), tp.partition(), e.getValue().offset(), end, lag, s));
    }
    partitions.sort(
        (a, b) ->
            a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
    return new GroupLag(group, true, status, total, List.copyOf(partitions));
  }

  /**
   * Records a group can still read: 0 when what lies between its committed offset and the end is
   * only transaction markers (read once per gap, then remembered).
   */
  long lag(TopicPartition tp, long committed, long end) {
    long gap = Math.max(0, end - committed);
    if (gap == 0 || gap > PROBED_GAP) {
      return gap;
    }
    Gap last = lastGap.get(tp);
    if (last == null || last.from() != committed || last.end() != end) {
      boolean empty;
      try {
        empty = gaps.nothingToRead(tp, committed, end);
      } catch (RuntimeException e) {
        LOG.debug("cannot read {} from {} to {}: {}", tp, committed, end, e.toString());
        empty = false;
      }
      last = new Gap(committed, end, empty);
      lastGap.put(tp, last);
    }
    return last.empty() ? 0 : gap;
  }

  private boolean membersActive(String group) {
    try {
      return !admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(TIMEOUT_S, TimeUnit.SECONDS)
          .get(group)
          .members()
          .isEmpty();
    } catch (Exception e) {
      // Streams-protocol groups may not describe as consumer groups: never call them STOP on that
      // alone.
      return true;
    }
  }

  /** Samples every {@code interval} until interrupted. */
  public void runEvery(Duration interval) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        sample(Instant.now());
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    } finally {
      gaps.close();
    }
  }
}
