package io.tideway.ingest.kafka;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawBlocker;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The transactional producer of ingest: rows, file events and checkpoints of a file go out in the
 * same transactions, so a consumer reading committed data sees each row exactly once. The
 * transactional id is stable per instance: a restarted process fences its dead predecessor and
 * aborts whatever it left open.
 */
public final class IngestPublisher implements AutoCloseable {

  private static final Serializer<RawBlock> RAW = Topics.RAW.valueSerde().serializer();

  private final Producer<String, byte[]> producer;
  private final String rawTopic;
  private final String filesTopic;
  private final String checkpointTopic;
  private boolean inTransaction;

  /** Partitions of the raw topic, read at the first header (0: not yet). */
  private int rawPartitions;

  /** Rows of the open transaction not sent yet, in blocks per partition (null: none yet). */
  private RawBlocker blocks;

  /**
   * Takes a transactional producer and initialises it, fencing any predecessor with the same id.
   */
  public IngestPublisher(Producer<String, byte[]> producer, String topicPrefix) {
    this.rawTopic = Topics.RAW.name(topicPrefix);
    this.filesTopic = Topics.FILES.name(topicPrefix);
    this.checkpointTopic = Topics.INGEST_CHECKPOINTS.name(topicPrefix);
    this.producer = producer;
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /**
   * Connects to Kafka as {@code tideway-ingest-<instanceId>}; {@code maxBlock} bounds every
   * blocking call.
   */
  public static IngestPublisher connect(
      KafkaClientFactory kafka, String topicPrefix, String instanceId, Duration maxBlock) {
    Map<String, Object> config = config(instanceId);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
    return new IngestPublisher(
        kafka.producer(config, new StringSerializer(), new ByteArraySerializer()), topicPrefix);
  }

  static Map<String, Object> config(String instanceId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "tideway-ingest-" + instanceId);
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tideway-ingest-" + instanceId);
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return c;
  }

  public boolean inTransaction() {
    return inTransaction;
  }

  public void begin() {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
  }

  /**
   * Sends a file's header record to every raw partition, each cleaner task needing it; it must go
   * out before the file's first row (in the transaction of its STARTED event), so that each
   * partition holds it ahead of the rows {@link RawRow#partition} puts there.
   */
  public void header(RawRow header) {
    byte[] value = RAW.serialize(rawTopic, RawBlock.of(header));
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaHeaders.FILE_ID, header.fileId().getBytes(StandardCharsets.UTF_8));
    if (header.mapping() != null) {
      headers.add(KafkaHeaders.MAPPING, header.mapping().getBytes(StandardCharsets.UTF_8));
    }
    for (int p = 0; p < rawPartitions(); p++) {
      producer.send(new ProducerRecord<>(rawTopic, p, header.fileId(), value, headers));
    }
  }

  /**
   * Sends one data row (values in the header's column order; no names, no JSON) in a block of its
   * partition's rows: the block goes out when full or at {@link #commit()}.
   */
  public void row(RawRow row) {
    if (blocks == null) {
      blocks =
          new RawBlocker(
              rawPartitions(),
              (p, block) ->
                  producer.send(
                      new ProducerRecord<>(
                          rawTopic, p, block.fileId(), RAW.serialize(rawTopic, block))));
    }
    blocks.add(row);
  }

  /**
   * The raw topic's partition count, read once: partitions added later stay unused by this process,
   * so no row lands where its file's header is not.
   */
  private int rawPartitions() {
    if (rawPartitions == 0) {
      rawPartitions = producer.partitionsFor(rawTopic).size();
    }
    return rawPartitions;
  }

  public void event(FileEvent event) {
    producer.send(new ProducerRecord<>(filesTopic, event.fileId(), Json.toBytes(event)));
  }

  public void checkpoint(IngestCheckpoint checkpoint) {
    producer.send(
        new ProducerRecord<>(checkpointTopic, checkpoint.fileId(), Json.toBytes(checkpoint)));
  }

  /** Commits; every send of the transaction is acknowledged once this returns. */
  public void commit() {
    if (blocks != null) {
      blocks.flush();
    }
    producer.commitTransaction();
    inTransaction = false;
  }

  /**
   * Aborts the open transaction, if any; failures are ignored because the caller is already
   * failing.
   */
  public void abortQuietly() {
    if (blocks != null) {
      blocks.clear();
    }
    if (inTransaction) {
      inTransaction = false;
      try {
        producer.abortTransaction();
      } catch (RuntimeException ignored) {
        // A fenced or broken producer cannot abort; the broker aborts on timeout or on fencing.
      }
    }
  }

  @Override
  public void close() {
    abortQuietly();
    producer.close(Duration.ofSeconds(5));
  }
}
