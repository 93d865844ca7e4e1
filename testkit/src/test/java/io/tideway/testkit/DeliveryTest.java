package io.tideway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeliveryTest {

  private static List<ProducerRecord<String, String>> records(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new ProducerRecord<>("t", "k" + i, "v" + i))
        .toList();
  }

  /**
   * A producer whose first {@code failures} sends fail the way an expired out-of-order batch does.
   */
  private static MockProducer<String, String> failingFirst(int failures) {
    return new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()) {
      private int sent;

      @Override
      public synchronized java.util.concurrent.Future<
              org.apache.kafka.clients.producer.RecordMetadata>
          send(
              ProducerRecord<String, String> record,
              org.apache.kafka.clients.producer.Callback callback) {
        var f = super.send(record, callback);
        if (sent++ < failures) {
          errorNext(new OutOfOrderSequenceException("out of order"));
        }
        return f;
      }
    };
  }

  @Test
  void aRecordTheProducerGaveUpOnIsSentAgain() {
    MockProducer<String, String> producer = failingFirst(1);
    Delivery.sendAll(producer, records(5));
    // 5 sends plus the resend of the failed one; every record acknowledged once.
    assertThat(producer.history()).hasSize(6);
    assertThat(producer.history().stream().map(ProducerRecord::key).distinct()).hasSize(5);
  }

  @Test
  void recordsThatKeepFailingFailTheCallerWithTheCount() {
    MockProducer<String, String> producer = failingFirst(Integer.MAX_VALUE);
    assertThatThrownBy(() -> Delivery.sendAll(producer, records(4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("4 of 4 records were not delivered")
        .hasMessageContaining("out of order");
  }
}
