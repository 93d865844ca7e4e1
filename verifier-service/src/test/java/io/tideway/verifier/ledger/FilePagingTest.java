package io.tideway.verifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.config.VerifierConfig;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The files list with 10,000 files: a page (search, status filter, 50 a page) is read off the
 * ledger's newest-first index and formats only the files on it, not all 10,000.
 */
class FilePagingTest {

  private static final int FILES = 10_000;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private FileLedger ledger;

  private static FileEvent event(FileEventType type, int i, String source) {
    return new FileEvent(
        FileEvent.SCHEMA,
        type,
        id(i),
        "export-" + i + ".csv",
        Fixtures.MAPPING,
        source,
        type == FileEventType.COMPLETED ? 10 : 0,
        0,
        null,
        null,
        null,
        type == FileEventType.FAILED ? "header unreadable" : null,
        T0.plusSeconds(i),
        0);
  }

  private static String id(int i) {
    return String.format("f%05d", i);
  }

  @BeforeEach
  void tenThousandFiles() {
    ledger = new FileLedger(new VerifierConfig(), Fixtures.MAPPINGS);
    for (int i = 0; i < FILES; i++) {
      Instant at = T0.plusSeconds(i);
      String source = i % 100 == 7 ? "s3://drops/in/export-" + i + ".csv" : "export-" + i + ".csv";
      ledger.onFileEvent(event(FileEventType.DISCOVERED, i, source), at);
      ledger.onFileEvent(event(FileEventType.STARTED, i, source), at);
      ledger.onFileEvent(
          event(i % 10 == 3 ? FileEventType.FAILED : FileEventType.COMPLETED, i, source), at);
    }
  }

  private long viewsFor(Runnable listing) {
    long before = ledger.viewsBuilt();
    listing.run();
    return ledger.viewsBuilt() - before;
  }

  @Test
  void aPageFormatsOnlyItsOwnFilesNewestFirst() {
    FilePage[] page = new FilePage[1];
    long views = viewsFor(() -> page[0] = ledger.page(new FileQuery(null, null, 2, 50), T0));

    assertThat(views).as("files formatted for one page of 50").isEqualTo(50);
    assertThat(page[0].total()).isEqualTo(FILES);
    assertThat(page[0].items()).hasSize(50);
    assertThat(page[0].items().get(0).fileId()).isEqualTo(id(FILES - 51));
    assertThat(page[0].items().get(49).fileId()).isEqualTo(id(FILES - 100));
    assertThat(page[0].counts())
        .containsEntry(FileStatus.FAILED, 1000L)
        .containsEntry(FileStatus.INGESTED, 9000L);
    // What the whole list costs, for comparison: every file formatted.
    assertThat(viewsFor(() -> ledger.snapshot(T0))).isEqualTo(FILES);
  }

  @Test
  void searchAndStatusFilterFormatOnlyThePage() {
    FilePage[] failed = new FilePage[1];
    long views =
        viewsFor(() -> failed[0] = ledger.page(new FileQuery(null, FileStatus.FAILED, 1, 50), T0));
    assertThat(views).isEqualTo(50);
    assertThat(failed[0].total()).isEqualTo(1000);
    assertThat(failed[0].items())
        .extracting(IntegrityEvent::status)
        .containsOnly(FileStatus.FAILED);
    assertThat(failed[0].items().get(0).fileId()).isEqualTo(id(9993));

    FilePage[] s3 = new FilePage[1];
    long s3Views =
        viewsFor(() -> s3[0] = ledger.page(new FileQuery("S3://DROPS", null, 1, 50), T0));
    assertThat(s3Views).isEqualTo(50);
    assertThat(s3[0].total()).isEqualTo(100);
    assertThat(s3[0].items()).allMatch(e -> e.source().startsWith("s3://drops/"));

    FilePage[] one = new FilePage[1];
    long oneView =
        viewsFor(() -> one[0] = ledger.page(new FileQuery("export-4242.csv", null, 1, 50), T0));
    assertThat(oneView).isEqualTo(1);
    assertThat(one[0].items()).extracting(IntegrityEvent::fileId).containsExactly(id(4242));

    FilePage[] past = new FilePage[1];
    assertThat(viewsFor(() -> past[0] = ledger.page(new FileQuery(null, null, 201, 50), T0)))
        .isZero();
    assertThat(past[0].items()).isEmpty();
    assertThat(past[0].total()).isEqualTo(FILES);
  }

  @Test
  void aFileMovesToItsPlaceWhenItStarts() {
    int late = FILES + 1;
    // Discovered before all others (last on the list), started after all others (first).
    ledger.onFileEvent(
        withAt(event(FileEventType.DISCOVERED, late, "x.csv"), T0.minusSeconds(60)), T0);
    assertThat(ledger.page(new FileQuery(null, null, 201, 50), T0).items())
        .extracting(IntegrityEvent::fileId)
        .containsExactly(id(late));
    ledger.onFileEvent(
        withAt(event(FileEventType.STARTED, late, "x.csv"), T0.plusSeconds(2 * FILES)), T0);
    assertThat(ledger.page(new FileQuery(null, null, 1, 1), T0).items().get(0).fileId())
        .isEqualTo(id(late));
    assertThat(ledger.snapshot(T0)).hasSize(FILES + 1);
    assertThat(ledger.snapshot(T0).get(0).fileId()).isEqualTo(id(late));
  }

  private static FileEvent withAt(FileEvent e, Instant at) {
    return new FileEvent(
        e.schema(),
        e.type(),
        e.fileId(),
        e.fileName(),
        e.mapping(),
        e.source(),
        e.rows(),
        e.bytes(),
        e.sha256(),
        e.header(),
        e.rowsPerS(),
        e.reason(),
        at,
        0);
  }

  @Test
  void aBadPageIsRefusedWithTheRule() {
    assertThatThrownBy(() -> new FileQuery(null, null, 0, 50))
        .hasMessage("page must be 1 or more, got 0");
    assertThatThrownBy(() -> new FileQuery(null, null, 1, 501))
        .hasMessage("size must be between 1 and 500, got 501");
  }
}
