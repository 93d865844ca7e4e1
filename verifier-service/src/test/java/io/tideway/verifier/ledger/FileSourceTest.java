package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.config.VerifierConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every file's source reaches its integrity event: the files API, the detail and the topic. */
class FileSourceTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static FileEvent event(FileEventType type, String id, String source) {
    return new FileEvent(
        FileEvent.SCHEMA,
        type,
        id,
        id + ".csv",
        Fixtures.MAPPING,
        source,
        type == FileEventType.COMPLETED ? 3 : 0,
        0,
        null,
        null,
        null,
        null,
        T0,
        0);
  }

  @Test
  void theSourceOfEachKindOfFileIsInItsIntegrityEvent() {
    FileLedger ledger = new FileLedger(new VerifierConfig(), Fixtures.MAPPINGS);
    ledger.onFileEvent(event(FileEventType.DISCOVERED, "s3f", "s3://drops/in/a.csv"), T0);
    ledger.onFileEvent(
        event(FileEventType.DISCOVERED, "inboxf", "healthcare-admissions/b.csv"), T0);
    ledger.onFileEvent(event(FileEventType.DISCOVERED, "s3f-r1", "replay:s3f"), T0);
    // An event without a source (an older ingest) does not erase the one already known.
    ledger.onFileEvent(event(FileEventType.COMPLETED, "s3f", null), T0.plusSeconds(1));

    assertThat(ledger.find("s3f", T0).map(IntegrityEvent::source)).hasValue("s3://drops/in/a.csv");
    assertThat(ledger.find("inboxf", T0).map(IntegrityEvent::source))
        .hasValue("healthcare-admissions/b.csv");
    assertThat(ledger.snapshot(T0))
        .extracting(IntegrityEvent::source)
        .containsExactlyInAnyOrder(
            "s3://drops/in/a.csv", "healthcare-admissions/b.csv", "replay:s3f");
    assertThat(ledger.changedEvents(T0))
        .extracting(IntegrityEvent::source)
        .contains("s3://drops/in/a.csv");
    assertThat(Json.toJson(ledger.find("s3f", T0).orElseThrow()))
        .contains("\"source\":\"s3://drops/in/a.csv\"");
  }
}
