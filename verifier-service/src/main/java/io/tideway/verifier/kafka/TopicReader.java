package io.tideway.verifier.kafka;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.quality.QualityBook;
import io.tideway.verifier.rejects.RejectIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads files, clean-stats, quality and load-receipts from the beginning at every start (all
 * partitions assigned, no group offsets) into the ledger, plus the verifier's own integrity and
 * alerts topics up to where they ended at start, so that what was already announced is not
 * announced again.
 */
public final class TopicReader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private final Supplier<Consumer<String, byte[]>> consumers;
  private final FileLedger ledger;
  private final AlertBook alerts;
  private final Runnable nudge;
  private final BooleanSupplier acting;
  private final String files;
  private final String cleanStats;
  private final String qualityTopic;
  private final QualityBook quality;
  private final RejectIndex rejects;
  private final String rejected;
  private final String receipts;
  private final String integrity;
  private final String alertsTopic;
  private final List<String> all;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Map<TopicPartition, Long> replayEnd = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean caughtUp;
  private volatile Consumer<String, byte[]> consumer;
  private Instant lastRefresh = Instant.EPOCH;

  public TopicReader(
      Supplier<Consumer<String, byte[]>> consumers,
      String prefix,
      FileLedger ledger,
      AlertBook alerts,
      Runnable nudge) {
    this(
        consumers, prefix, ledger, alerts, new QualityBook(), new RejectIndex(), nudge, () -> true);
  }

  /**
   * Also reads {@code quality} (latest report per file and partition) into {@code quality}, and
   * notes where each file's rejected rows lie in {@code rejects} (offsets only). While {@code
   * acting} is false (a standby verifier) it keeps taking what the active instance publishes on the
   * integrity and alerts topics, so that it carries those verdicts and alerts over when it takes
   * over.
   */
  public TopicReader(
      Supplier<Consumer<String, byte[]>> consumers,
      String prefix,
      FileLedger ledger,
      AlertBook alerts,
      QualityBook quality,
      RejectIndex rejects,
      Runnable nudge,
      BooleanSupplier acting) {
    this.rejects = rejects;
    this.rejected = Topics.REJECTED.name(prefix);
    this.consumers = consumers;
    this.acting = acting;
    this.quality = quality;
    this.qualityTopic = Topics.QUALITY.name(prefix);
    this.ledger = ledger;
    this.alerts = alerts;
    this.nudge = nudge;
    this.files = Topics.FILES.name(prefix);
    this.cleanStats = Topics.CLEAN_STATS.name(prefix);
    this.receipts = Topics.LOAD_RECEIPTS.name(prefix);
    this.integrity = Topics.INTEGRITY.name(prefix);
    this.alertsTopic = Topics.ALERTS.name(prefix);
    this.all = List.of(files, cleanStats, qualityTopic, receipts, integrity, alertsTopic, rejected);
  }

  /** True once everything that was in the topics at start has been read. */
  public boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void run() {
    try (Consumer<String, byte[]> c = consumers.get()) {
      consumer = c;
      while (running) {
        try {
          pollOnce(c);
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // The broker may be down or restarting: keep the rebuilt state and try again.
          LOG.warn("reading {} failed, retrying: {}", all, e.toString());
          sleepQuietly(1000);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      LOG.info("topic reader stopped");
    }
  }

  private void pollOnce(Consumer<String, byte[]> c) {
    refreshAssignment(c);
    if (assigned.isEmpty()) {
      sleepQuietly(200);
      return;
    }
    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
    for (ConsumerRecord<String, byte[]> r : records) {
      dispatch(r);
    }
    boolean justCaughtUp = false;
    if (!caughtUp
        && replayEnd.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
      caughtUp = true;
      justCaughtUp = true;
      LOG.info("replayed {} partitions of {}; verifying", assigned.size(), all);
    }
    if (caughtUp && (justCaughtUp || !records.isEmpty())) {
      nudge.run();
    }
  }

  /** Stops the loop; the consumer is closed by the reading thread. */
  public void stop() {
    running = false;
    Consumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void refreshAssignment(Consumer<String, byte[]> c) {
    Instant now = Instant.now();
    if (Duration.between(lastRefresh, now).compareTo(REFRESH) < 0) {
      return;
    }
    lastRefresh = now;
    Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(10));
    Set<TopicPartition> added = new HashSet<>();
    for (String topic : all) {
      for (PartitionInfo p : existing.getOrDefault(topic, List.of())) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        if (!assigned.contains(tp)) {
          added.add(tp);
        }
      }
    }
    if (!added.isEmpty()) {
      assigned.addAll(added);
      c.assign(assigned);
      c.seekToBeginning(added);
      if (!caughtUp) {
        replayEnd.putAll(c.endOffsets(added));
      }
      LOG.info("reading {} partitions from the beginning", added.size());
    }
    if (!caughtUp && assigned.isEmpty()) {
      caughtUp = true; // nothing to replay: no topic exists yet
      LOG.info("no Tideway topic exists yet under {}; waiting for them", all);
    }
  }

  private void dispatch(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(r.timestamp());
    String topic = r.topic();
    try {
      if (topic.equals(files)) {
        ledger.onFileEvent(read(Topics.FILES, r), at);
      } else if (topic.equals(cleanStats)) {
        ledger.onCleanStats(read(Topics.CLEAN_STATS, r), at);
      } else if (topic.equals(qualityTopic)) {
        quality.accept(read(Topics.QUALITY, r));
      } else if (topic.equals(rejected)) {
        rejects.add(read(Topics.REJECTED, r).fileId(), r.partition(), r.offset());
      } else if (topic.equals(receipts)) {
        LoadReceipt receipt = read(Topics.LOAD_RECEIPTS, r);
        if (!ledger.onReceipt(receipt, at)) {
          LOG.debug("receipt {} already counted", receipt.key());
        }
      } else if (topic.equals(integrity) && (!caughtUp || !acting.getAsBoolean())) {
        ledger.restorePublished(read(Topics.INTEGRITY, r));
      } else if (topic.equals(alertsTopic) && (!caughtUp || !acting.getAsBoolean())) {
        alerts.restore(read(Topics.ALERTS, r));
      } else if (topic.equals(alertsTopic)) {
        // The active instance keeps its own alerts, but takes an acknowledgement made on a standby.
        alerts.applyAck(read(Topics.ALERTS, r));
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable record {}-{}@{}: {}",
          topic,
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private static <V> V read(Topic<V> topic, ConsumerRecord<String, byte[]> r) {
    V value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    if (value instanceof FileEvent e && (e.fileId() == null || e.type() == null)) {
      throw new IllegalArgumentException("file event without file_id or type");
    }
    if (value instanceof CleanStats s && s.fileId() == null) {
      throw new IllegalArgumentException("clean stats without file_id");
    }
    if (value instanceof IntegrityEvent e && e.fileId() == null) {
      throw new IllegalArgumentException("integrity event without file_id");
    }
    if (value instanceof Alert a && a.id() == null) {
      throw new IllegalArgumentException("alert without id");
    }
    return value;
  }

  private void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis); // waiting for topics or the broker; not a test synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
