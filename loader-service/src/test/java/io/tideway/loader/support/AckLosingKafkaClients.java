package io.tideway.loader.support;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tideway.loader.config.LoaderConfig;
import io.tideway.loader.consume.KafkaClients;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The loader's Kafka clients with a network fault injected: the next {@code test.lost-commit-acks}
 * acknowledgements of a receipt commit are lost. The commit itself reaches the real broker and
 * completes; the producer then behaves as Kafka's does after a commit timeout (a repeated
 * commitTransaction returns its outcome, an abort is refused).
 */
@Singleton
@Replaces(KafkaClients.class)
@Requires(property = "test.lost-commit-acks")
public class AckLosingKafkaClients extends KafkaClients {

  private final KafkaClientFactory kafka;
  private final AtomicInteger acksToLose;

  public AckLosingKafkaClients(
      KafkaClientFactory kafka,
      LoaderConfig config,
      @Property(name = "test.lost-commit-acks") int acksToLose) {
    super(kafka, config);
    this.kafka = kafka;
    this.acksToLose = new AtomicInteger(acksToLose);
  }

  /** Acknowledgements still to lose; 0 once the fault has been played out. */
  public int acksToLose() {
    return Math.max(0, acksToLose.get());
  }

  @Override
  public Producer<String, byte[]> producer() {
    return new AckLosingProducer(kafka.config(producerSettings()), acksToLose);
  }

  /** A real transactional producer whose commit acknowledgements go missing on demand. */
  private static final class AckLosingProducer extends KafkaProducer<String, byte[]> {

    private final AtomicInteger acksToLose;
    private boolean commitUnacknowledged;

    AckLosingProducer(Map<String, Object> config, AtomicInteger acksToLose) {
      super(config);
      this.acksToLose = acksToLose;
    }

    @Override
    public void commitTransaction() {
      if (!commitUnacknowledged) {
        super.commitTransaction();
      }
      if (acksToLose.getAndDecrement() > 0) {
        commitUnacknowledged = true;
        throw new TimeoutException("Timeout expired while awaiting EndTxn(true) (injected)");
      }
      commitUnacknowledged = false;
    }

    @Override
    public void abortTransaction() {
      if (commitUnacknowledged) {
        throw new KafkaException(
            "Cannot attempt operation `abortTransaction` because the previous call to"
                + " `commitTransaction` timed out and must be retried (injected)");
      }
      super.abortTransaction();
    }
  }
}
