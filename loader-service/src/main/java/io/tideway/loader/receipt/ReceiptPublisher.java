package io.tideway.loader.receipt;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.payload.RejectedRow;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a batch's receipts and rejected rows and commits its consumer offsets in ONE Kafka
 * transaction: a receipt exists if and only if the offsets it covers are committed.
 */
public final class ReceiptPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptPublisher.class);

  private final Supplier<Producer<String, byte[]>> factory;
  private final String receiptsTopic;
  private final String rejectedTopic;
  private Producer<String, byte[]> producer;

  /**
   * Thrown when this instance can no longer publish (fenced by another with the same id, not
   * authorised).
   */
  public static final class FatalPublishException extends RuntimeException {
    FatalPublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public ReceiptPublisher(
      Supplier<Producer<String, byte[]>> factory, String receiptsTopic, String rejectedTopic) {
    this.factory = factory;
    this.receiptsTopic = receiptsTopic;
    this.rejectedTopic = rejectedTopic;
    this.producer = start();
  }

  private Producer<String, byte[]> start() {
    Producer<String, byte[]> p = factory.get();
    // Also aborts whatever a previous incarnation with the same transactional.id left open.
    p.initTransactions();
    return p;
  }

  /**
   * Publishes and commits; on a failure that leaves the batch uncommitted, aborts and throws a
   * {@link KafkaException} so the caller re-reads the batch (its writes are idempotent).
   */
  public void publish(BatchReceipts batch, ConsumerGroupMetadata group) {
    try {
      producer.beginTransaction();
      for (LoadReceipt r : batch.receipts()) {
        producer.send(new ProducerRecord<>(receiptsTopic, r.key(), Json.toBytes(r)));
      }
      for (RejectedRow r : batch.rejected()) {
        producer.send(new ProducerRecord<>(rejectedTopic, r.fileId(), Json.toBytes(r)));
      }
      producer.sendOffsetsToTransaction(batch.offsets(), group);
      producer.commitTransaction();
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      throw new FatalPublishException(
          "receipts cannot be published: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    } catch (KafkaException e) {
      abortOrRestart();
      throw e;
    }
  }

  private void abortOrRestart() {
    try {
      producer.abortTransaction();
    } catch (KafkaException abortFailed) {
      LOG.warn(
          "abort failed ({}); restarting the transactional producer", abortFailed.getMessage());
      closeQuietly();
      producer = start();
    }
  }

  private void closeQuietly() {
    try {
      producer.close(java.time.Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("producer close failed", e);
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
