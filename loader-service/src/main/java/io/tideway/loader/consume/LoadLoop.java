package io.tideway.loader.consume;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.tideway.contracts.topics.Topics;
import io.tideway.loader.config.LoaderConfig;
import io.tideway.loader.health.LoaderHealth;
import io.tideway.loader.health.LoaderMetrics;
import io.tideway.loader.receipt.BatchReceipts;
import io.tideway.loader.receipt.ReceiptPublisher;
import io.tideway.loader.write.BatchResult;
import io.tideway.loader.write.BatchWriter;
import io.tideway.loader.write.IndexCreator;
import io.tideway.loader.write.LoadDocument;
import io.tideway.loader.write.MongoErrors;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.retry.Backoff;
import io.tideway.runtime.thread.DaemonThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load loop, on its own thread: poll the cleaned topic, batch by count and time, write to
 * MongoDB, then publish receipts and commit offsets in one Kafka transaction. A batch's receipt
 * transaction runs while the next batch is written (on the write thread), so the loader waits for
 * MongoDB and Kafka at the same time instead of one after the other. While MongoDB fails it pauses
 * every partition, keeps polling (group membership survives) and retries the SAME batch with
 * exponential backoff.
 */
@Context
@Requires(property = "tideway.loader.enabled", notEquals = "false")
public class LoadLoop {

  private static final Logger LOG = LoggerFactory.getLogger(LoadLoop.class);
  private static final Duration RETRY_POLL = Duration.ofMillis(100);
  private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(30);

  /** How long one poll for the next batch may hold up noticing that a write has finished. */
  private static final Duration FETCH_WHILE_WRITING = Duration.ofMillis(5);

  private final LoaderConfig config;
  private final KafkaClients clients;
  private final LoaderHealth health;
  private final LoaderMetrics metrics;
  private AutoCloseable consumerMetrics;
  private final CleanedRecordParser parser;
  private final BatchWriter writer;
  private final IndexCreator indexes;
  private final String cleanedTopic;
  private final String receiptsTopic;
  private final String rejectedTopic;
  private final Object sleeper = new Object();

  private volatile boolean running;
  private volatile Consumer<String, byte[]> consumer;
  private Thread thread;
  private ReceiptPublisher publisher;
  private final PendingRecords pending;
  private final List<ParsedRecord> inFlight = new ArrayList<>();

  /**
   * Some of {@link #inFlight}'s partitions changed hands while it was written: the batch is then
   * receipted by no one here, and what is still ours of it is read again.
   */
  private boolean rebalancedInFlight;

  private boolean paused;

  /** A batch MongoDB took whose receipts are not committed yet; at most one. */
  private Written written;

  private final ExecutorService writeThread =
      Executors.newSingleThreadExecutor(DaemonThreads.named("tideway-load-write"));

  /** What a batch's receipts are made of, kept from its write to its commit. */
  private record Written(List<ParsedRecord> records, BatchResult result, long startedNanos) {}

  public LoadLoop(
      LoaderConfig config,
      KafkaClients clients,
      CleanedRecordParser parser,
      BatchWriter writer,
      IndexCreator indexes,
      LoaderHealth health,
      LoaderMetrics metrics,
      TidewaySettings settings) {
    String prefix = settings.getTopicPrefix();
    this.config = config;
    this.clients = clients;
    this.health = health;
    this.metrics = metrics;
    this.parser = parser;
    this.writer = writer;
    this.indexes = indexes;
    this.cleanedTopic = Topics.CLEANED.name(prefix);
    this.receiptsTopic = Topics.LOAD_RECEIPTS.name(prefix);
    this.rejectedTopic = Topics.REJECTED.name(prefix);
    this.pending = new PendingRecords(config.getBatchSize(), config.getBatchMaxWait());
    metrics.pendingRecords(pending::size);
  }

  @PostConstruct
  void start() {
    running = true;
    thread = new Thread(this::run, "tideway-load-loop");
    thread.start();
  }

  /** Finishes the in-flight batch if MongoDB takes it at once, else hands it back uncommitted. */
  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    Consumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    thread.join(Duration.ofSeconds(30).toMillis());
  }

  private void run() {
    try {
      createIndexes();
      if (!running) {
        return;
      }
      consumer = clients.consumer();
      consumerMetrics = metrics.bind(consumer);
      publisher = new ReceiptPublisher(clients::producer, receiptsTopic, rejectedTopic);
      consumer.subscribe(List.of(cleanedTopic), new Rebalance());
      health.up();
      LOG.info(
          "loading {} as group {} (instance {}, write model {}, batch {} / {})",
          cleanedTopic,
          config.getGroupId(),
          config.getInstanceId(),
          config.getWriteModel(),
          config.getBatchSize(),
          config.getBatchMaxWait());
      while (running) {
        // With a written batch waiting for its receipts, take only what is already fetched: the
        // next batch if it is there (its write overlaps the receipts), else commit at once.
        poll(written == null ? pending.pollTimeout() : Duration.ZERO);
        if (pending.batchDue()) {
          flush(pending.takeBatch(), true);
        } else {
          commitWritten();
        }
      }
    } catch (WakeupException stopping) {
      LOG.debug("woken up to stop");
    } catch (RuntimeException e) {
      health.down("load loop stopped: " + MongoErrors.describe(e));
      LOG.error("load loop stopped", e);
      return;
    } finally {
      if (!running) {
        finishOnStop();
      }
      closeClients();
    }
  }

  private void finishOnStop() {
    try {
      if (consumer == null) {
        return;
      }
      commitWritten();
      if (!pending.isEmpty()) {
        flush(pending.takeAll(), false);
        commitWritten();
      }
    } catch (RuntimeException e) {
      LOG.warn("in-flight batch handed back uncommitted: {}", MongoErrors.describe(e));
    }
  }

  private void createIndexes() {
    Backoff backoff = backoff();
    while (running) {
      try {
        indexes.createAll();
        return;
      } catch (RuntimeException e) {
        health.degraded("cannot create indexes: " + MongoErrors.describe(e));
        LOG.warn("cannot create indexes, retrying: {}", MongoErrors.describe(e));
        sleep(backoff.next());
      }
    }
  }

  private void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      pending.add(parser.parse(record));
    }
  }

  /**
   * Writes {@code batch} on the write thread while the previous batch's receipts commit here; keeps
   * it as {@link #written} for the next commit. When the previous commit fails, both batches are
   * read again from the group's committed offsets (the writes are idempotent).
   */
  private void flush(List<ParsedRecord> batch, boolean retry) {
    inFlight.clear();
    inFlight.addAll(batch);
    long started = System.nanoTime();
    List<LoadDocument> docs = documents(inFlight);
    Future<BatchResult> firstAttempt = writeThread.submit(() -> writer.write(docs));
    Written before = written;
    written = null;
    if (before != null && !publish(before)) {
      awaitQuietly(firstAttempt);
      List<ParsedRecord> both = new ArrayList<>(before.records());
      both.addAll(inFlight);
      rewind(both);
      inFlight.clear();
      return;
    }
    BatchResult result = writeWithRetry(retry, firstAttempt);
    if (result == null) {
      // Handed back unreceipted (stopping): what was polled after it on its partitions (a poll can
      // bring more than a batch) must not be receipted either, or their offsets would commit past
      // it and it would never be read again.
      pending.drop(inFlight.stream().map(ParsedRecord::partition).collect(Collectors.toSet()));
    } else if (rebalancedInFlight) {
      // Its write may hold documents of partitions no longer ours, which their new owner writes and
      // receipts again: receipting any of it here could count a document twice.
      LOG.info("partitions changed hands during a batch's write: it is read again, not receipted");
      if (!inFlight.isEmpty()) {
        rewind(List.copyOf(inFlight));
      }
    } else if (!inFlight.isEmpty()) {
      written = new Written(List.copyOf(inFlight), result, started);
    }
    rebalancedInFlight = false;
    inFlight.clear();
  }

  /** Commits the written batch's receipts, if any; on failure its records are read again. */
  private void commitWritten() {
    Written w = written;
    written = null;
    if (w != null && !publish(w)) {
      rewind(w.records());
    }
  }

  /**
   * Publishes a written batch's receipts and commits its offsets; false when the transaction was
   * not committed or its outcome is unknown, so its records must be read again from the group's
   * committed offsets.
   */
  private boolean publish(Written w) {
    BatchReceipts receipts = BatchReceipts.of(w.records(), w.result(), Instant.now());
    try {
      publisher.publish(receipts, consumer.groupMetadata());
    } catch (ReceiptPublisher.FatalPublishException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn(
          "receipt transaction not committed or its outcome unknown, re-reading from the committed"
              + " offsets: {}",
          e.getMessage());
      return false;
    }
    metrics.batch(
        receipts.count(f -> f.inserted()),
        receipts.count(f -> f.matched()),
        receipts.count(f -> f.failed()),
        Duration.ofNanos(System.nanoTime() - w.startedNanos()));
    LOG.debug(
        "batch committed: {} receipts, {} rejected",
        receipts.receipts().size(),
        receipts.rejected().size());
    return true;
  }

  private static List<LoadDocument> documents(List<ParsedRecord> records) {
    return records.stream().map(ParsedRecord::document).filter(Objects::nonNull).toList();
  }

  /** The outcome of a write on the write thread, its failure rethrown as it was thrown there. */
  private static BatchResult await(Future<BatchResult> write) {
    try {
      return write.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a batch", e);
    }
  }

  /** Waits for a write whose batch will be read again anyway; its outcome does not matter. */
  private static void awaitQuietly(Future<BatchResult> write) {
    try {
      await(write);
    } catch (RuntimeException e) {
      LOG.debug("write of a batch to be read again failed: {}", MongoErrors.describe(e));
    }
  }

  /**
   * The in-flight batch's write, from its first attempt on the write thread; retried here until
   * MongoDB takes it; null when stopping first.
   */
  private BatchResult writeWithRetry(boolean retry, Future<BatchResult> firstAttempt) {
    Backoff backoff = backoff();
    Future<BatchResult> attempt = firstAttempt;
    while (true) {
      try {
        BatchResult result =
            attempt != null ? awaitFetching(attempt) : writer.write(documents(inFlight));
        if (paused) {
          consumer.resume(consumer.paused());
          paused = false;
          LOG.info("MongoDB writes succeed again; partitions resumed");
        }
        health.up();
        return result;
      } catch (RuntimeException e) {
        attempt = null;
        String reason = "MongoDB write failed, retrying the batch: " + MongoErrors.describe(e);
        if (!retry || !running) {
          LOG.warn("batch handed back uncommitted: {}", MongoErrors.describe(e));
          return null;
        }
        if (MongoErrors.isRetryable(e)) {
          LOG.warn(reason);
        } else {
          LOG.warn("unexpected MongoDB failure, retrying the batch", e);
        }
        health.degraded(reason);
        metrics.retry();
        if (!paused) {
          consumer.pause(consumer.assignment());
          paused = true;
        }
        waitPolling(backoff.next());
        if (!running) {
          return null;
        }
      }
    }
  }

  /**
   * Waits for a batch's write while polling for the next batch, so that the group can rebalance
   * while a write waits on a slow or frozen store (a loader that only waited held every other
   * member up until the store answered, up to {@code max.poll.interval.ms}). Polls while less than
   * a batch is pending; a rebalance meanwhile sets {@link #rebalancedInFlight}.
   */
  private BatchResult awaitFetching(Future<BatchResult> write) {
    try {
      while (running && !write.isDone() && !pending.batchDue()) {
        poll(FETCH_WHILE_WRITING);
      }
    } catch (WakeupException stopping) {
      // Stopping: the batch is receipted once written, then what was polled behind it.
    }
    return await(write);
  }

  /**
   * Waits while polling, so that the consumer stays in its group; paused partitions return nothing.
   */
  private void waitPolling(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (running && System.nanoTime() < deadline) {
      try {
        long left = deadline - System.nanoTime();
        poll(Duration.ofNanos(Math.max(0, Math.min(left, RETRY_POLL.toNanos()))));
      } catch (WakeupException stopping) {
        return;
      }
    }
  }

  /**
   * After a receipt transaction that was aborted or whose outcome is unknown: drop what follows the
   * batch and seek its partitions to the group's committed offsets (see {@link RewindPositions}).
   */
  private void rewind(List<ParsedRecord> batch) {
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    for (ParsedRecord r : batch) {
      first.merge(r.partition(), r.offset(), Math::min);
    }
    pending.drop(first.keySet());
    Set<TopicPartition> owned = new HashSet<>(first.keySet());
    owned.retainAll(consumer.assignment());
    Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(owned);
    if (committed == null) {
      return;
    }
    RewindPositions.of(first, committed, owned)
        .forEach(
            (tp, offset) -> {
              LOG.info("re-reading {} from offset {}", tp, offset);
              consumer.seek(tp, offset);
            });
  }

  /**
   * The group's committed offsets, asked until the broker answers (a transaction whose commit is
   * still settling makes it wait); null when stopping first.
   */
  private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Set<TopicPartition> owned) {
    Backoff backoff = backoff();
    while (running) {
      try {
        return owned.isEmpty() ? Map.of() : consumer.committed(owned, COMMITTED_TIMEOUT);
      } catch (TimeoutException e) {
        LOG.warn("committed offsets not known yet, asking again: {}", e.getMessage());
        sleep(backoff.next());
      }
    }
    return null;
  }

  private Backoff backoff() {
    return new Backoff(config.getRetryInitialBackoff(), config.getRetryMaxBackoff());
  }

  private void sleep(Duration d) {
    synchronized (sleeper) {
      try {
        if (running) {
          sleeper.wait(Math.max(1, d.toMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private void closeClients() {
    writeThread.shutdownNow();
    if (publisher != null) {
      publisher.close();
    }
    if (consumer != null) {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
    if (consumerMetrics != null) {
      try {
        consumerMetrics.close();
      } catch (Exception e) {
        LOG.debug("closing the consumer's metrics: {}", e.toString());
      }
    }
  }

  /**
   * Records of partitions taken away are dropped: their new owner re-reads them from the committed
   * offset.
   */
  private final class Rebalance implements ConsumerRebalanceListener {

    /** The written batch's receipts are committed while its partitions are still ours. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitWritten();
      drop(partitions);
    }

    /**
     * Lost partitions are already someone else's: the written batch is not receipted here, its
     * records are read again by their new owner from the committed offsets (and any of a partition
     * still ours, by us).
     */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      Written w = written;
      written = null;
      drop(partitions);
      if (w != null) {
        List<ParsedRecord> kept =
            w.records().stream().filter(r -> !partitions.contains(r.partition())).toList();
        if (!kept.isEmpty()) {
          rewind(kept);
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (paused) {
        consumer.pause(partitions);
      }
      LOG.info("assigned {} partitions of {}", partitions.size(), cleanedTopic);
    }

    private void drop(Collection<TopicPartition> partitions) {
      pending.drop(partitions);
      if (inFlight.removeIf(r -> partitions.contains(r.partition()))) {
        rebalancedInFlight = true;
      }
    }
  }
}
