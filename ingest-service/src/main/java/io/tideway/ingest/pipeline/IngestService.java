package io.tideway.ingest.pipeline;

import io.micronaut.context.annotation.Context;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingTopic;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.ingest.config.IngestConfig;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.inbox.InboxFile;
import io.tideway.ingest.inbox.InboxRules;
import io.tideway.ingest.inbox.InboxWatcher;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.kafka.CheckpointReader;
import io.tideway.ingest.kafka.IngestPublisher;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.retry.Backoff;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ingest: one worker thread owns the transactional producer and ingests files one at a
 * time; at start it resumes what an earlier run left in processing/, then takes files the inbox
 * watcher reports as stable.
 */
@Context
public class IngestService {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final KafkaClientFactory kafka;
  private final String topicPrefix;
  private final MappingCatalog catalog;
  private final WorkDir workDir;
  private final FileIngestor ingestor;
  private final StopFlag stopping;
  private final BlockingQueue<InboxFile> ready = new LinkedBlockingQueue<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Thread worker = new Thread(this::work, "ingest-worker");
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile String state = "starting";
  private InboxWatcher watcher;
  private IngestPublisher publisher;

  public IngestService(
      IngestConfig config,
      KafkaClientFactory kafka,
      TidewaySettings settings,
      MappingCatalog catalog,
      WorkDir workDir,
      FileIngestor ingestor,
      StopFlag stopping) {
    this.config = config;
    this.kafka = kafka;
    this.topicPrefix = settings.getTopicPrefix();
    this.catalog = catalog;
    this.workDir = workDir;
    this.ingestor = ingestor;
    this.stopping = stopping;
  }

  @PostConstruct
  void start() throws IOException {
    Path inbox = Files.createDirectories(Path.of(config.getInbox()).toAbsolutePath().normalize());
    watcher =
        new InboxWatcher(
            inbox,
            InboxRules.BY_HEADER,
            config.getStableFor(),
            config.getScanInterval(),
            this::offer);
    LOG.info(
        "ingest {} watching {} (work dir {}, file ids in {}, mappings {})",
        config.getInstanceId(),
        inbox,
        config.getWorkDir(),
        config.idsDir(),
        catalog.all().stream().map(m -> m.name()).toList());
    worker.start();
  }

  /** "starting", "running", "reconnecting", "fenced" or "stopped", for the health endpoint. */
  public String state() {
    return state;
  }

  private void offer(InboxFile file) {
    if (queued.add(file.path().toString())) {
      ready.add(file);
    }
  }

  private void work() {
    try {
      connect();
      if (stopping.getAsBoolean()) {
        return;
      }
      state = "running";
      for (ClaimedFile leftover : workDir.inProcessing()) {
        if (!stopping.getAsBoolean()) {
          process(leftover);
        }
      }
      synchronized (this) {
        if (stopping.getAsBoolean()) {
          return;
        }
        watcher.start();
      }
      while (!stopping.getAsBoolean()) {
        InboxFile next = ready.poll(200, TimeUnit.MILLISECONDS);
        if (next != null) {
          Optional<ClaimedFile> claimed = workDir.claim(next);
          queued.remove(next.path().toString());
          if (claimed.isPresent()) {
            process(claimed.get());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ProducerFencedException e) {
      state = "fenced";
      LOG.error(
          "another ingest with instance id {} took over; this one stops ingesting",
          config.getInstanceId());
    } catch (IOException | RuntimeException e) {
      state = "failed";
      LOG.error("ingest worker stopped: {}", LogSafe.of(e), e);
    } finally {
      if (publisher != null) {
        publisher.close();
      }
      if (!"fenced".equals(state) && !"failed".equals(state)) {
        state = "stopped";
      }
    }
  }

  /**
   * Reads the mappings topic to its end, then publishes the built-in and mapping-dir mappings whose
   * content is no version yet: a file is only claimed once the versions it may be given are known.
   */
  private void publishBuiltInMappings() {
    MappingTopic feed = catalog.feed().orElse(null);
    if (feed == null) {
      return;
    }
    if (!feed.awaitCaughtUp(config.getKafkaTimeout())) {
      throw new IllegalStateException("the mappings topic could not be read to its end");
    }
    for (MappingVersion v : feed.publishSeeds(config.getKafkaTimeout())) {
      LOG.info("published built-in mapping {} v{}", v.name(), v.version());
    }
  }

  /**
   * Creates the transactional producer (fencing a predecessor), then tells the ingestor the
   * committed checkpoints and the archived file ids, and reads the mappings.
   */
  private void connect() throws InterruptedException, IOException {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    while (!stopping.getAsBoolean()) {
      try {
        publisher =
            IngestPublisher.connect(
                kafka, topicPrefix, config.getInstanceId(), config.getKafkaTimeout());
        ingestor.resumeFrom(
            CheckpointReader.readAll(kafka, topicPrefix, config.getKafkaTimeout()),
            workDir.completedIds());
        publishBuiltInMappings();
        return;
      } catch (KafkaException | IllegalStateException | MappingException e) {
        LOG.warn(
            "Kafka at {} not usable yet ({}); retrying", kafka.bootstrapServers(), e.toString());
        if (publisher != null) {
          publisher.close();
          publisher = null;
        }
        if (stopSignal.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    }
  }

  private void process(ClaimedFile file) throws IOException, InterruptedException {
    ClaimedFile current = file;
    while (!stopping.getAsBoolean()) {
      try {
        ingestor.ingest(current, publisher);
        return;
      } catch (ProducerFencedException e) {
        throw e;
      } catch (IOException e) {
        // The work dir, not the file, failed (the file's own read errors fail the file): leave it
        // in processing/ for the next start and keep serving other files.
        LOG.error(
            "cannot ingest {} (left in processing/ until restart): {}",
            LogSafe.of(file.fileName()),
            LogSafe.of(e));
        return;
      } catch (KafkaException e) {
        state = "reconnecting";
        LOG.warn(
            "Kafka failed while ingesting {}: {}; resuming from the last checkpoint",
            LogSafe.of(file.fileName()),
            e.toString());
        publisher.close();
        publisher = null;
        connect();
        state = "running";
        current = workDir.reload(file);
      }
    }
  }

  @PreDestroy
  void stop() throws IOException, InterruptedException {
    stopping.raise();
    stopSignal.countDown();
    synchronized (this) {
      if (watcher != null) {
        watcher.close();
      }
    }
    worker.join(TimeUnit.SECONDS.toMillis(15));
    if (worker.isAlive()) {
      worker.interrupt();
      worker.join(TimeUnit.SECONDS.toMillis(5));
    }
  }
}
