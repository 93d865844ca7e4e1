package io.tideway.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records with a plain (non-transactional) producer so that none is lost silently: every send
 * is checked, a record the producer gave up on is sent again, and one that still fails makes the
 * caller fail with the count and the first error.
 *
 * <p>Why a check is needed at all: {@code send()} followed by {@code flush()} reports nothing, and
 * an idempotent producer can give up on a batch. With several requests in flight, a batch that
 * meets a retriable error (e.g. NOT_LEADER_OR_FOLLOWER on a just created partition) can be
 * overtaken by the next one; the broker, holding no sequence for this producer on the partition
 * yet, accepts the later batch, then answers every retry of the earlier one with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} expires it (KAFKA-15591, fixed in
 * Kafka 4.5 for never-written partitions). That is how LoaderBench once lost 122 of 1,000,000
 * documents. Once the batch has expired the producer bumps its epoch, so the resend goes through.
 *
 * <p>A resent record lands after records sent later. A caller that needs partition order (a raw
 * file's header before its rows) configures one request in flight, so no batch is overtaken and
 * none is resent: RestartIT once saw a third of its rows rejected as header-less on a loaded CI.
 */
public final class Delivery {

  /** Rounds of resending before giving up. */
  static final int ROUNDS = 3;

  private Delivery() {}

  /** Sends every record, waits until each is acknowledged; throws if any could not be delivered. */
  public static <K, V> void sendAll(Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
    List<ProducerRecord<K, V>> pending = records;
    Throwable firstError = null;
    for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
      List<ProducerRecord<K, V>> failed = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicReference<Throwable> error = new AtomicReference<>();
      for (ProducerRecord<K, V> r : pending) {
        producer.send(
            r,
            (meta, e) -> {
              if (e != null) {
                failed.add(r);
                error.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      pending = new ArrayList<>(failed);
      if (firstError == null) {
        firstError = error.get();
      }
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException(
          pending.size()
              + " of "
              + records.size()
              + " records were not delivered after "
              + ROUNDS
              + " attempts; first error: "
              + firstError,
          firstError);
    }
  }
}
