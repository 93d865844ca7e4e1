package io.tideway.verifier.kafka;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.topics.Topics;
import io.tideway.verifier.cycle.IntegrityOutput;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes integrity events (key file id) and alerts (key alert id) with an idempotent producer.
 */
public final class KafkaIntegrityOutput implements IntegrityOutput, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIntegrityOutput.class);

  private final Producer<String, byte[]> producer;
  private final String integrityTopic;
  private final String alertsTopic;

  public KafkaIntegrityOutput(Producer<String, byte[]> producer, String prefix) {
    this.producer = producer;
    this.integrityTopic = Topics.INTEGRITY.name(prefix);
    this.alertsTopic = Topics.ALERTS.name(prefix);
  }

  @Override
  public void integrity(IntegrityEvent event) {
    byte[] value = Topics.INTEGRITY.valueSerde().serializer().serialize(integrityTopic, event);
    send(new ProducerRecord<>(integrityTopic, event.fileId(), value));
  }

  @Override
  public void alert(Alert alert) {
    byte[] value = Topics.ALERTS.valueSerde().serializer().serialize(alertsTopic, alert);
    send(new ProducerRecord<>(alertsTopic, alert.id(), value));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(
          record,
          (meta, e) -> {
            if (e != null) {
              LOG.warn("cannot publish {} to {}: {}", record.key(), record.topic(), e.toString());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("cannot publish {} to {}: {}", record.key(), record.topic(), e.toString());
    }
  }

  /** Closes the producer, waiting at most 5 s for what it still holds. */
  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
