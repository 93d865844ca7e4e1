package io.tideway.runtime.mapping;

import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.mapping.MappingTopic;
import io.tideway.contracts.mapping.MappingVersions;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.runtime.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of {@code tideway.mappings}: consumes it from the beginning (no consumer group)
 * into a {@link MappingCatalog}'s versions for as long as the process runs, and publishes new
 * versions (built-in at start, applied, inferred), each only when its text is not already that
 * version.
 */
public final class MappingFeed implements MappingTopic {

  private static final Logger LOG = LoggerFactory.getLogger(MappingFeed.class);

  private final KafkaClientFactory kafka;
  private final String topic;
  private final MappingCatalog catalog;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile KafkaConsumer<String, MappingVersion> consumer;
  private KafkaProducer<String, MappingVersion> producer;
  private Thread thread;

  /**
   * @param kafka where its consumer and producer come from
   * @param prefix the topic prefix ({@code tideway.})
   */
  public MappingFeed(KafkaClientFactory kafka, String prefix, MappingCatalog catalog) {
    this.kafka = kafka;
    this.topic = Topics.MAPPINGS.name(prefix);
    this.catalog = catalog;
  }

  /** Starts reading in the background; the catalog serves topic versions from now on. */
  public synchronized MappingFeed start() {
    if (thread == null) {
      catalog.attach(this);
      thread = new Thread(this::run, "mapping-feed");
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  @Override
  public MappingCatalog catalog() {
    return catalog;
  }

  @Override
  public boolean awaitCaughtUp(Duration timeout) {
    try {
      return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void run() {
    Map<String, Object> c =
        Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.CLIENT_ID_CONFIG,
            "tideway-mapping-feed-" + ProcessHandle.current().pid());
    Map<TopicPartition, Long> endAtStart = null;
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    try (KafkaConsumer<String, MappingVersion> kc =
        kafka.consumer(
            c,
            Topics.MAPPINGS.keySerde().deserializer(),
            Topics.MAPPINGS.valueSerde().deserializer())) {
      consumer = kc;
      while (!closed) {
        try {
          if (endAtStart == null) {
            List<PartitionInfo> infos = kc.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
              // The topic is created by the launcher or the deployment.
              Thread.sleep(backoff.next().toMillis());
              continue;
            }
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : infos) {
              parts.add(new TopicPartition(topic, p.partition()));
            }
            kc.assign(parts);
            kc.seekToBeginning(parts);
            endAtStart = kc.endOffsets(parts, Duration.ofSeconds(10));
          }
          for (ConsumerRecord<String, MappingVersion> r : kc.poll(Duration.ofMillis(500))) {
            if (r.value() != null) {
              catalog.accept(r.value());
            }
          }
          if (caughtUp.getCount() > 0 && reached(kc, endAtStart)) {
            caughtUp.countDown();
            LOG.info(
                "mappings read from {}: {}",
                topic,
                catalog.versions().names().stream()
                    .map(n -> catalog.latest(n).map(v -> n + " v" + v.record().version()))
                    .flatMap(java.util.Optional::stream)
                    .toList());
          }
        } catch (WakeupException e) {
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (RuntimeException e) {
          if (closed) {
            break;
          }
          LOG.warn("reading {} failed, retrying: {}", topic, e.toString());
          sleepQuietly(backoff.next().toMillis());
        }
      }
    } finally {
      consumer = null;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> kc, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (kc.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized Published publish(
      String yaml, String source, String origin, boolean seed, Duration timeout) {
    Mapping mapping = MappingLoader.read(yaml, source);
    if (!awaitCaughtUp(timeout)) {
      throw new MappingException(
          "the mappings topic "
              + topic
              + " could not be read within "
              + timeout.toSeconds()
              + "s: is the broker running?");
    }
    String name = mapping.name();
    MappingVersions.Decision d = catalog.versions().decide(name, MappingVersion.sha256(yaml), seed);
    if (d.unchanged()) {
      return new Published(catalog.version(name, d.version(), timeout).record(), false);
    }
    MappingVersion v = MappingVersion.of(name, d.version(), yaml, origin);
    try {
      producer()
          .send(new ProducerRecord<>(topic, v.key(), v))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new MappingException(
          "could not publish mapping " + name + " v" + v.version() + " to " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MappingException("interrupted while publishing mapping " + name, e);
    }
    catalog.version(name, v.version(), timeout);
    LOG.info("published mapping {} v{} ({})", name, v.version(), origin);
    return new Published(v, true);
  }

  @Override
  public List<MappingVersion> publishSeeds(Duration timeout) {
    List<MappingVersion> out = new ArrayList<>();
    for (Map.Entry<String, String> seed : catalog.seedTexts().entrySet()) {
      Published p =
          publish(
              seed.getValue(), "mapping " + seed.getKey(), MappingVersion.BUILT_IN, true, timeout);
      if (p.created()) {
        out.add(p.version());
      }
    }
    return out;
  }

  private KafkaProducer<String, MappingVersion> producer() {
    if (producer == null) {
      producer =
          kafka.producer(
              Map.of(
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true,
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  15_000),
              Topics.MAPPINGS.keySerde().serializer(),
              Topics.MAPPINGS.valueSerde().serializer());
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    closed = true;
    KafkaConsumer<String, MappingVersion> kc = consumer;
    if (kc != null) {
      kc.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
