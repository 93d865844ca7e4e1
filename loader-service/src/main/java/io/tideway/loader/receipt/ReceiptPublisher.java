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
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a batch's receipts and rejected rows and commits its consumer offsets in ONE Kafka
 * transaction: a receipt exists if and only if the offsets it covers are committed.
 */
public final class ReceiptPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptPublisher.class);

  /**
   * Calls of commitTransaction before giving up on a commit whose acknowledgement does not come: a
   * timed-out commit may still complete, so Kafka wants the same call again, never an abort.
   */
  public static final int COMMIT_ATTEMPTS = 3;

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

  /**
   * Thrown when the commit's outcome is unknown: it timed out every attempt and the producer was
   * restarted, which completed or aborted it. Only the group's committed offsets tell which.
   */
  public static final class CommitOutcomeUnknownException extends KafkaException {
    CommitOutcomeUnknownException(String message, Throwable cause) {
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
    try {
      // Settles what a previous incarnation with the same transactional.id left: a commit the
      // coordinator had received completes, anything else open is aborted.
      p.initTransactions();
      return p;
    } catch (RuntimeException e) {
      p.close(java.time.Duration.ZERO);
      throw e;
    }
  }

  /**
   * Publishes and commits. On a failure that leaves the batch uncommitted it aborts and throws a
   * {@link KafkaException}; when even the outcome is unknown it throws {@link
   * CommitOutcomeUnknownException}. Either way the caller re-reads from the group's committed
   * offsets (its writes are idempotent), never from the batch start: the batch may be committed.
   */
  public void publish(BatchReceipts batch, ConsumerGroupMetadata group) {
    try {
      if (producer == null) {
        producer = start();
      }
      producer.beginTransaction();
      for (LoadReceipt r : batch.receipts()) {
        producer.send(new ProducerRecord<>(receiptsTopic, r.key(), Json.toBytes(r)));
      }
      for (RejectedRow r : batch.rejected()) {
        producer.send(new ProducerRecord<>(rejectedTopic, r.fileId(), Json.toBytes(r)));
      }
      producer.sendOffsetsToTransaction(batch.offsets(), group);
      commit();
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      throw new FatalPublishException(
          "receipts cannot be published: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    } catch (CommitOutcomeUnknownException e) {
      throw e;
    } catch (KafkaException e) {
      abortOrRestart();
      throw e;
    }
  }

  private void commit() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (attempt < COMMIT_ATTEMPTS) {
          LOG.warn(
              "commit of the receipt transaction not acknowledged ({}), committing again",
              e.getMessage());
          continue;
        }
        // The producer cannot abort a commit in flight; a new one with the same transactional.id
        // completes it (if the coordinator had it) or aborts it, and nothing tells us which.
        restart();
        throw new CommitOutcomeUnknownException(
            "commit not acknowledged after " + attempt + " attempts: " + e.getMessage(), e);
      }
    }
  }

  private void abortOrRestart() {
    try {
      producer.abortTransaction();
    } catch (KafkaException abortFailed) {
      LOG.warn(
          "abort failed ({}); restarting the transactional producer", abortFailed.getMessage());
      restart();
    }
  }

  /**
   * Replaces the producer; if the new one cannot start, the next publish tries again (a closed
   * producer would fail every later batch).
   */
  private void restart() {
    closeQuietly();
    producer = null;
    try {
      producer = start();
    } catch (KafkaException e) {
      LOG.warn(
          "transactional producer not restarted, retrying at the next batch: {}", e.getMessage());
    }
  }

  private void closeQuietly() {
    if (producer == null) {
      return;
    }
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
