package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.CleanerDriver;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RowEnvelope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rolled-back file's rows no longer count as first occurrences: the same content loads again. */
class RollbackDedupTest {

  private final CleanerDriver driver = new CleanerDriver();

  @AfterEach
  void close() {
    driver.close();
  }

  private static List<RowEnvelope> rows(String fileId) {
    return List.of(
        Rows.admission(fileId, 1), Rows.admission(fileId, 2, v -> v.put("Name", "Other Person")));
  }

  private static FileEvent event(FileEventType type, String fileId, long rows) {
    return new FileEvent(
        FileEvent.SCHEMA,
        type,
        fileId,
        fileId + ".csv",
        "healthcare-admissions",
        "operator",
        rows,
        0,
        null,
        null,
        null,
        "rolled back by operator",
        Instant.parse("2026-01-01T00:00:00Z"),
        0);
  }

  private CleanStats stats(String fileId) {
    return driver.latestStats().get(CleanStats.key(fileId, 0));
  }

  @Test
  void afterARollbackTheSameRowsInAnotherFileAreCleanedNotDuplicates() {
    driver.pipe(rows("A"));
    assertThat(driver.cleanedRecords()).hasSize(2);

    driver.pipeFileEvent(event(FileEventType.ROLLED_BACK, "A", 2));
    driver.pipe(rows("B"));

    assertThat(driver.cleanedRecords()).hasSize(2);
    assertThat(driver.duplicates.readValuesToList()).isEmpty();
    assertThat(stats("B"))
        .extracting(CleanStats::cleaned, CleanStats::duplicates)
        .containsExactly(2L, 0L);

    // B is now the first occurrence: a third copy duplicates B, not the rolled-back A.
    driver.pipe(rows("C"));
    List<DuplicateRow> dups = driver.duplicates.readValuesToList();
    assertThat(dups).hasSize(2).allSatisfy(d -> assertThat(d.firstFileId()).isEqualTo("B"));
  }

  @Test
  void withoutARollbackTheSameRowsAreDuplicatesAndOtherFileEventsChangeNothing() {
    driver.pipe(rows("A"));
    driver.pipeFileEvent(event(FileEventType.COMPLETED, "A", 2));
    driver.pipeFileEvent(event(FileEventType.ROLLED_BACK, "Z", 0));
    driver.pipe(rows("B"));

    assertThat(driver.cleanedRecords()).hasSize(2);
    assertThat(driver.duplicates.readValuesToList())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.firstFileId()).isEqualTo("A"));
    assertThat(stats("B"))
        .extracting(CleanStats::cleaned, CleanStats::duplicates)
        .containsExactly(0L, 2L);
  }
}
