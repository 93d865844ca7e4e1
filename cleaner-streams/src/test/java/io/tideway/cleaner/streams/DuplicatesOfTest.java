package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.support.CleanerDriver;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.json.JsonSerde;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.RowEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cleaner counts, per file, the rows it counted as duplicates of documents first seen in
 * another file ({@code duplicates_of}), so the verifier can check that those files still hold the
 * documents.
 */
class DuplicatesOfTest {

  private final CleanerDriver driver = new CleanerDriver();

  @AfterEach
  void close() {
    driver.close();
  }

  private static RowEnvelope person(String fileId, long row, String name) {
    return Rows.admission(fileId, row, v -> v.put("Name", name));
  }

  private CleanStats stats(String fileId) {
    return driver.latestStats().get(CleanStats.key(fileId, 0));
  }

  @Test
  void crossFileDuplicatesAreCountedPerFirstFileAndWithinFileDuplicatesAreNot() {
    driver.pipe(List.of(person("A", 1, "Ann One"), person("A", 2, "Bob Two")));
    driver.pipe(List.of(person("C", 1, "Cid Three")));
    driver.pipe(
        List.of(
            person("B", 1, "Ann One"), // duplicate of A row 1
            person("B", 2, "Bob Two"), // duplicate of A row 2
            person("B", 3, "Cid Three"), // duplicate of C row 1
            person("B", 4, "Dee Four"), // new
            person("B", 5, "Dee Four"))); // duplicate of B row 4: within the file

    CleanStats b = stats("B");
    assertThat(b.cleaned()).isEqualTo(1);
    assertThat(b.duplicates()).isEqualTo(4);
    assertThat(b.duplicatesOf()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 2L, "C", 1L));
    assertThat(stats("A").duplicatesOf()).isEmpty();
  }

  @Test
  void aRowDeliveredAgainIsNotCountedTwice() {
    driver.pipe(List.of(person("A", 1, "Ann One")));
    driver.pipe(List.of(person("B", 1, "Ann One")));
    driver.pipe(List.of(person("B", 1, "Ann One"))); // ingest re-sent the row after a crash

    CleanStats b = stats("B");
    assertThat(b.duplicates()).isEqualTo(1);
    assertThat(b.duplicatesOf()).containsExactlyEntriesOf(Map.of("A", 1L));
  }

  @Test
  void storedCountersStayCompactAndValuesWrittenBeforeTheFieldStillRead() {
    JsonSerde<FileCounters> serde = new JsonSerde<>(FileCounters.class);
    FileCounters none = FileCounters.empty("B", "b.csv", 0).plusDuplicate("B", 1);
    String json = new String(serde.serializer().serialize("t", none), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("duplicates_of");

    FileCounters some = none.plusDuplicate("A", 2);
    FileCounters back =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", some));
    assertThat(back.duplicatesOf()).containsExactlyEntriesOf(Map.of("A", 1L));
    assertThat(back.duplicates()).isEqualTo(2);

    String older =
        "{\"file_id\":\"B\",\"file_name\":\"b.csv\",\"partition\":0,\"cleaned\":3,\"duplicates\":1,"
            + "\"rejected\":0,\"digest\":7,\"warnings\":{},\"updated_ms\":5}";
    FileCounters read = Json.fromJson(older, FileCounters.class);
    assertThat(read.duplicates()).isEqualTo(1);
    assertThat(read.duplicatesOf()).isEmpty();
  }
}
