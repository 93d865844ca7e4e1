package io.tideway.ingest.replay;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.ingest.config.IngestConfig;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.kafka.IngestPublisher;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs a file from the raw topic: reads its committed rows from every partition up to the end
 * offsets at request time and republishes them in row order, with DISCOVERED, STARTED and
 * COMPLETED, as a new file {@code <id>-r<N>} in ONE Kafka transaction: a read_committed consumer
 * sees the whole replay or nothing. Replays run one at a time.
 */
@Singleton
public class FileReplayer {

  private static final Logger LOG = LoggerFactory.getLogger(FileReplayer.class);

  /** What a replay published. */
  public record Result(String fileId, long rows) {}

  /** The file has no rows and no lifecycle on the topics. */
  public static final class UnknownFileException extends RuntimeException {
    UnknownFileException(String message) {
      super(message);
    }
  }

  /** The file exists but never completed, so its rows on the raw topic may be partial. */
  public static final class NotCompletedException extends RuntimeException {
    NotCompletedException(String message) {
      super(message);
    }
  }

  private final KafkaClientFactory kafka;
  private final String prefix;
  private final IngestConfig config;
  private final IdRegistry registry;
  private final MappingCatalog catalog;

  public FileReplayer(
      KafkaClientFactory kafka,
      TidewaySettings settings,
      IngestConfig config,
      IdRegistry registry,
      MappingCatalog catalog) {
    this.catalog = catalog;
    this.kafka = kafka;
    this.prefix = settings.getTopicPrefix();
    this.config = config;
    this.registry = registry;
  }

  /** Replays {@code fileId}; returns the new id and how many rows it republished. */
  public synchronized Result replay(String fileId) {
    Duration timeout = config.getKafkaTimeout();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Lifecycle original = lifecycle(consumer, fileId, timeout);
      RawFile raw = rows(consumer, fileId, timeout);
      List<RawRow> rows = raw.rows();
      if (rows.isEmpty() && original.completed == null) {
        throw new UnknownFileException("no rows and no COMPLETED event of file " + fileId);
      }
      if (original.completed == null) {
        // Still being ingested, or failed part-way: a replay would silently miss rows.
        throw new NotCompletedException(
            "file "
                + fileId
                + " has no COMPLETED event (still ingesting or failed):"
                + " only completed files can be replayed");
      }
      String newId = original.nextReplayId(fileId, registry::reserve);
      publish(fileId, newId, original, raw);
      LOG.info(
          "replayed file {} as {}: {} rows", LogSafe.of(fileId), LogSafe.of(newId), rows.size());
      return new Result(newId, rows.size());
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return kafka.consumer(c, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** What the files topic says about the file, and which replay ids are taken. */
  static final class Lifecycle {
    FileEvent discovered;
    FileEvent completed;
    final Set<String> ids = new HashSet<>();

    /**
     * The first {@code <id>-rN} neither on the files topic nor reserved by another ingest instance.
     */
    String nextReplayId(String fileId, java.util.function.Predicate<String> reserve) {
      for (int n = 1; ; n++) {
        String id = fileId + "-r" + n;
        if (!ids.contains(id) && reserve.test(id)) {
          return id;
        }
      }
    }
  }

  private Lifecycle lifecycle(
      KafkaConsumer<String, byte[]> consumer, String fileId, Duration timeout) {
    String topic = Topics.FILES.name(prefix);
    Lifecycle l = new Lifecycle();
    List<TopicPartition> parts =
        consumer.partitionsFor(topic, timeout).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    readToEnd(
        consumer,
        parts,
        timeout,
        r -> {
          l.ids.add(r.key());
          if (fileId.equals(r.key()) && r.value() != null) {
            FileEvent e = Json.fromBytes(r.value(), FileEvent.class);
            if (e.type() == FileEventType.COMPLETED) {
              l.completed = e;
            } else if (e.type() == FileEventType.DISCOVERED && l.discovered == null) {
              l.discovered = e;
            }
          }
        });
    return l;
  }

  /** A file's records on the raw topic: its header record (none for schema 1 rows) and rows. */
  record RawFile(RawRow header, List<RawRow> rows) {}

  private RawFile rows(KafkaConsumer<String, byte[]> consumer, String fileId, Duration timeout) {
    String topic = Topics.RAW.name(prefix);
    // Rows spread over every partition by their values (RawRow.partition); rows written before
    // that all sit on the partition of the file id. Either way, reading them all finds them.
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, timeout).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<Long, RawRow> byRow = new TreeMap<>();
    RawRow[] header = new RawRow[1];
    readToEnd(
        consumer,
        partitions,
        timeout,
        r -> {
          if (fileId.equals(r.key()) && r.value() != null) {
            for (RawRow row :
                Topics.RAW.valueSerde().deserializer().deserialize(topic, r.value()).rows()) {
              if (row.isHeader()) {
                header[0] = row;
              } else {
                byRow.putIfAbsent(row.row(), row); // each row once, whatever happened upstream
              }
            }
          }
        });
    return new RawFile(header[0], new ArrayList<>(byRow.values()));
  }

  private static void readToEnd(
      KafkaConsumer<String, byte[]> consumer,
      List<TopicPartition> parts,
      Duration timeout,
      java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (parts.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read " + parts + " to the end within " + timeout);
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
          sink.accept(r);
        }
      }
    }
  }

  private void publish(String fileId, String newId, Lifecycle original, RawFile raw) {
    List<RawRow> rows = raw.rows();
    FileEvent known = original.completed != null ? original.completed : original.discovered;
    RawRow first = raw.header() != null ? raw.header() : rows.isEmpty() ? null : rows.get(0);
    String fileName = known != null ? known.fileName() : first == null ? fileId : first.fileName();
    String mapping = known != null ? known.mapping() : first == null ? null : first.mapping();
    // The replay is cleaned with the mapping's latest version: how a change applied with
    // ./pipeline mapping apply reaches a file already loaded, without a restart.
    int version =
        mapping == null ? 0 : catalog.latest(mapping).map(v -> v.record().version()).orElse(0);
    String source = "replay:" + fileId;
    Instant started = Instant.now();
    Map<String, Object> c = new HashMap<>();
    // Its own transactional id: the ingest worker's producer is not fenced by a replay.
    c.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        "tideway-ingest-" + config.getInstanceId() + "-replay");
    c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.getKafkaTimeout().toMillis());
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (IngestPublisher out =
        new IngestPublisher(
            kafka.producer(c, new StringSerializer(), new ByteArraySerializer()), prefix)) {
      out.begin();
      out.event(
          FileEvent.of(FileEventType.DISCOVERED, newId, fileName, mapping, source)
              .withMappingVersion(version));
      List<String> header = original.completed != null ? original.completed.header() : null;
      if (raw.header() != null) {
        header = raw.header().columns();
      }
      out.event(
          new FileEvent(
              FileEvent.SCHEMA,
              FileEventType.STARTED,
              newId,
              fileName,
              mapping,
              source,
              0,
              0,
              null,
              header,
              null,
              null,
              Instant.now(),
              version));
      Instant now = Instant.now();
      // The new file's header record first; rows read from schema 1 keep their own column names.
      out.header(
          RawRow.header(
              newId, fileName, mapping, version, header == null ? List.of() : header, now));
      for (RawRow r : rows) {
        out.row(
            new RawRow(
                RawRow.SCHEMA,
                RawRow.Kind.ROW,
                newId,
                r.row(),
                r.line(),
                r.values(),
                r.error(),
                now,
                r.columns() == null ? null : r.fileName(),
                r.columns() == null ? null : r.mapping(),
                r.columns()));
      }
      double seconds = Math.max(1e-3, Duration.between(started, Instant.now()).toNanos() / 1e9);
      FileEvent done = original.completed;
      out.event(
          new FileEvent(
              FileEvent.SCHEMA,
              FileEventType.COMPLETED,
              newId,
              fileName,
              mapping,
              source,
              rows.size(),
              done != null ? done.bytes() : 0,
              done != null ? done.sha256() : null,
              header,
              rows.size() / seconds,
              null,
              Instant.now(),
              version));
      out.commit();
    }
  }
}
