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
 * MongoDB, then publish receipts and commit offsets in one Kafka transaction. While MongoDB fails
 * it pauses every partition, keeps polling (group membership survives) and retries the SAME batch
 * with exponential backoff.
 */
@Context
@Requires(property = "tideway.loader.enabled", notEquals = "false")
public class LoadLoop {

  private static final Logger LOG = LoggerFactory.getLogger(LoadLoop.class);
  private static final Duration RETRY_POLL = Duration.ofMillis(100);
  private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(30);

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
  private boolean paused;

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
        poll(pending.pollTimeout());
        if (pending.batchDue()) {
          flush(pending.takeBatch(), true);
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
      if (consumer != null && !pending.isEmpty()) {
        flush(pending.takeAll(), false);
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

  private void flush(List<ParsedRecord> batch, boolean retry) {
    inFlight.clear();
    inFlight.addAll(batch);
    long started = System.nanoTime();
    BatchResult result = writeWithRetry(retry);
    if (result == null || inFlight.isEmpty()) {
      inFlight.clear();
      return;
    }
    BatchReceipts receipts = BatchReceipts.of(inFlight, result, Instant.now());
    try {
      publisher.publish(receipts, consumer.groupMetadata());
    } catch (ReceiptPublisher.FatalPublishException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn(
          "receipt transaction not committed or its outcome unknown, re-reading from the committed"
              + " offsets: {}",
          e.getMessage());
      rewind(inFlight);
      inFlight.clear();
      return;
    }
    metrics.batch(
        receipts.count(f -> f.inserted()),
        receipts.count(f -> f.matched()),
        receipts.count(f -> f.failed()),
        Duration.ofNanos(System.nanoTime() - started));
    LOG.debug(
        "batch committed: {} receipts, {} rejected",
        receipts.receipts().size(),
        receipts.rejected().size());
    inFlight.clear();
  }

  /** Writes the in-flight batch, retrying until MongoDB takes it; null when stopping first. */
  private BatchResult writeWithRetry(boolean retry) {
    Backoff backoff = backoff();
    while (true) {
      List<LoadDocument> docs =
          inFlight.stream().map(ParsedRecord::document).filter(Objects::nonNull).toList();
      try {
        BatchResult result = writer.write(docs);
        if (paused) {
          consumer.resume(consumer.paused());
          paused = false;
          LOG.info("MongoDB writes succeed again; partitions resumed");
        }
        health.up();
        return result;
      } catch (RuntimeException e) {
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

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
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
      inFlight.removeIf(r -> partitions.contains(r.partition()));
    }
  }
}
