package io.tideway.verifier.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.Alert.AlertType;
import io.tideway.contracts.payload.Alert.Severity;
import io.tideway.contracts.payload.Alert.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acknowledgement state of the alerts in {@link AlertBook}. */
class AlertAckTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ID = "MISMATCH/f1";

  private final AlertBook book = new AlertBook();

  private void open(String message, Instant at) {
    book.raise(AlertType.MISMATCH, "f1", "f1", Severity.CRITICAL, message, List.of(), at);
  }

  @Test
  void anAcknowledgedAlertStaysOpenWithWhoAndWhen() {
    open("1 document short", T0);

    AlertBook.Ack ack = book.acknowledge(ID, "alice", "looking at it", T0.plusSeconds(5));

    assertThat(ack.result()).isEqualTo(AlertBook.AckResult.ACKNOWLEDGED);
    Alert a = book.find(ID).orElseThrow();
    assertThat(a.state()).isEqualTo(State.OPEN);
    assertThat(a.acknowledgedBy()).isEqualTo("alice");
    assertThat(a.acknowledgedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(a.ackNote()).isEqualTo("looking at it");
    assertThat(a.message()).isEqualTo("1 document short");
    assertThat(book.isOpen(ID)).isTrue();
    assertThat(book.openCount()).isEqualTo(1);
  }

  @Test
  void unknownAndResolvedAlertsAreNotAcknowledged() {
    assertThat(book.acknowledge("MISMATCH/nope", "alice", null, T0).result())
        .isEqualTo(AlertBook.AckResult.UNKNOWN);
    open("1 document short", T0);
    book.resolve(AlertType.MISMATCH, "f1", "verified again", T0.plusSeconds(1));

    AlertBook.Ack ack = book.acknowledge(ID, "alice", null, T0.plusSeconds(2));

    assertThat(ack.result()).isEqualTo(AlertBook.AckResult.RESOLVED);
    assertThat(book.find(ID).orElseThrow().acknowledged()).isFalse();
  }

  @Test
  void theAcknowledgementHoldsThroughNewNumbersAndTheResolution() {
    open("1 document short", T0);
    book.acknowledge(ID, "alice", null, T0.plusSeconds(1));

    open("2 documents short", T0.plusSeconds(2)); // the finding changed: re-announced

    Alert updated = book.find(ID).orElseThrow();
    assertThat(updated.message()).isEqualTo("2 documents short");
    assertThat(updated.acknowledgedBy()).isEqualTo("alice");

    Alert resolved =
        book.resolve(AlertType.MISMATCH, "f1", "verified again", T0.plusSeconds(3)).orElseThrow();
    assertThat(resolved.state()).isEqualTo(State.RESOLVED);
    assertThat(resolved.acknowledgedBy()).as("the record says who handled it").isEqualTo("alice");
  }

  @Test
  void aResolvedThenReopenedAlertIsNewAndUnacknowledged() {
    open("1 document short", T0);
    book.acknowledge(ID, "alice", null, T0.plusSeconds(1));
    book.resolve(AlertType.MISMATCH, "f1", "verified again", T0.plusSeconds(2));

    open("3 documents short", T0.plusSeconds(3));

    Alert reopened = book.find(ID).orElseThrow();
    assertThat(reopened.state()).isEqualTo(State.OPEN);
    assertThat(reopened.acknowledged()).isFalse();
    assertThat(reopened.acknowledgedAt()).isNull();

    // Through open() too (cause alerts and per-file alerts that open once).
    book.open(AlertType.STALLED, "f1", "f1", Severity.WARNING, "no progress", List.of(), T0);
    book.acknowledge("STALLED/f1", "bob", null, T0.plusSeconds(1));
    book.resolve(AlertType.STALLED, "f1", "progress", T0.plusSeconds(2));
    book.open(
        AlertType.STALLED,
        "f1",
        "f1",
        Severity.WARNING,
        "no progress",
        List.of(),
        T0.plusSeconds(3));
    assertThat(book.find("STALLED/f1").orElseThrow().acknowledged()).isFalse();
  }

  @Test
  void anAcknowledgementReadFromTheTopicReachesTheActiveBook() {
    open("1 document short", T0);
    AlertBook standby = new AlertBook();
    standby.restore(book.find(ID).orElseThrow());
    Alert acked = standby.acknowledge(ID, "carol", "on call", T0.plusSeconds(4)).alert();

    assertThat(book.applyAck(acked)).isTrue();
    assertThat(book.find(ID).orElseThrow().acknowledgedBy()).isEqualTo("carol");
    assertThat(book.applyAck(acked)).as("read again: nothing new").isFalse();

    // Resolved since: nothing open to take it.
    book.resolve(AlertType.MISMATCH, "f1", "verified again", T0.plusSeconds(5));
    assertThat(book.applyAck(acked)).isFalse();
    assertThat(book.find(ID).orElseThrow().state()).isEqualTo(State.RESOLVED);
  }

  @Test
  void theWebhookHearsNothingOfAnAcknowledgedOpenAlertButItsResolution() {
    open("1 document short", T0);
    Alert fresh = book.find(ID).orElseThrow();
    Alert acked = book.acknowledge(ID, "alice", null, T0.plusSeconds(1)).alert();
    Alert resolved =
        book.resolve(AlertType.MISMATCH, "f1", "verified again", T0.plusSeconds(2)).orElseThrow();

    assertThat(WebhookNotifier.notifies(fresh)).isTrue();
    assertThat(WebhookNotifier.notifies(acked)).isFalse();
    assertThat(WebhookNotifier.notifies(resolved)).isTrue();
  }
}
