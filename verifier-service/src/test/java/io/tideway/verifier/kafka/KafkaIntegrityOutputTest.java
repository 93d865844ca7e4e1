package io.tideway.verifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the verifier publishes: keys, topics under the prefix, payloads that read back. */
class KafkaIntegrityOutputTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final KafkaIntegrityOutput output = new KafkaIntegrityOutput(producer, "p.");

  private static IntegrityEvent verified(String fileId) {
    return new IntegrityEvent(
        IntegrityEvent.SCHEMA,
        fileId,
        fileId + ".csv",
        "m",
        FileStatus.VERIFIED,
        10,
        9,
        1,
        0,
        9,
        0,
        0,
        9L,
        0,
        "d",
        "d",
        List.of(),
        Instant.EPOCH,
        Instant.EPOCH,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        null,
        null);
  }

  private static Alert stalled(String fileId) {
    return new Alert(
        Alert.SCHEMA,
        "STALLED/" + fileId,
        Alert.AlertType.STALLED,
        Alert.State.OPEN,
        Alert.Severity.WARNING,
        fileId,
        "file " + fileId + " made no progress",
        Instant.EPOCH);
  }

  @Test
  void integrityIsKeyedByFileAndAlertsByAlertIdUnderThePrefix() {
    output.integrity(verified("f1"));
    output.alert(stalled("f1"));

    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::topic).containsExactly("p.integrity", "p.alerts");
    assertThat(sent).extracting(ProducerRecord::key).containsExactly("f1", "STALLED/f1");
    IntegrityEvent back =
        Topics.INTEGRITY
            .valueSerde()
            .deserializer()
            .deserialize("p.integrity", sent.get(0).value());
    assertThat(back.status()).isEqualTo(FileStatus.VERIFIED);
    assertThat(back.documentsInMongo()).isEqualTo(9L);
    Alert alert =
        Topics.ALERTS.valueSerde().deserializer().deserialize("p.alerts", sent.get(1).value());
    assertThat(alert.type()).isEqualTo(Alert.AlertType.STALLED);
  }

  @Test
  void aFailedSendIsLoggedAndNeverStopsTheVerificationCycle() {
    MockProducer<String, byte[]> failing =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    KafkaIntegrityOutput out = new KafkaIntegrityOutput(failing, "p.");
    out.integrity(verified("f2"));
    assertThatCode(() -> failing.errorNext(new RuntimeException("broker gone")))
        .doesNotThrowAnyException();

    failing.close();
    assertThatCode(() -> out.alert(stalled("f2"))).doesNotThrowAnyException();
  }
}
