package io.tideway.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./pipeline run} makes of one file's verifier entry. */
class FileRunTest {

  @TempDir Path tmp;

  private FileRun file(String content) throws IOException {
    Path p = tmp.resolve("f.csv");
    Files.writeString(p, content);
    return new FileRun(p);
  }

  private static JsonNode json(String s) throws IOException {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void theRowEstimateIsTheLinesBelowTheHeaderAndNoneForGzip() throws IOException {
    assertThat(file("a,b\n1,2\n3,4\n").estimatedRows).isEqualTo(2);
    assertThat(file("a,b\r\n1,2\r\n").estimatedRows).isEqualTo(1);
    assertThat(file("").estimatedRows).isZero();
    Path gz = Files.write(tmp.resolve("f.csv.gz"), new byte[] {'\n', '\n', '\n'});
    assertThat(new FileRun(gz).estimatedRows).isZero();
    assertThat(new FileRun(gz).name).isEqualTo("f.csv.gz");
  }

  @Test
  void statusSettledAndVerifiedFollowTheVerifiersEntry() throws IOException {
    record Case(String latest, boolean dropped, String status, boolean settled, boolean ok) {}
    for (Case c :
        new Case[] {
          new Case(null, false, "QUEUED", false, false),
          new Case(null, true, "DROPPED", false, false),
          new Case("{\"status\":\"INGESTING\"}", true, "INGESTING", false, false),
          new Case("{\"status\":\"WAITING\"}", true, "WAITING", false, false),
          new Case("{\"status\":\"VERIFIED\"}", true, "VERIFIED", true, true),
          new Case("{\"status\":\"FAILED\"}", true, "FAILED", true, false),
          new Case("{\"status\":\"MISMATCH\"}", true, "MISMATCH", true, false),
          new Case("{\"status\":\"ROLLED_BACK\"}", true, "ROLLED_BACK", true, false),
          // A status this launcher does not know (a newer verifier): keep waiting, never settle.
          new Case("{\"status\":\"SOMETHING_NEW\"}", true, "SOMETHING_NEW", false, false)
        }) {
      FileRun f = file("a\n1\n");
      f.droppedAtNanos = c.dropped() ? 1 : 0;
      f.latest = c.latest() == null ? null : json(c.latest());
      assertThat(f.status()).as(c.toString()).isEqualTo(c.status());
      assertThat(f.settled()).as(c.toString()).isEqualTo(c.settled());
      assertThat(f.verified()).as(c.toString()).isEqualTo(c.ok());
    }
  }

  @Test
  void accountedRowsAreLoadedDuplicateOrRejected() throws IOException {
    FileRun f = file("a\n1\n");
    assertThat(f.accounted()).isZero();
    f.latest =
        json(
            "{\"rows_read\":100,\"inserted\":50,\"matched\":5,\"failed\":1,"
                + "\"duplicates\":30,\"rejected\":4,\"cleaned\":60}");
    assertThat(f.accounted()).isEqualTo(90);
    assertThat(f.count("rows_read")).isEqualTo(100);
    assertThat(f.count("absent")).isZero();
  }

  @Test
  void documentsInMongoAreUnknownUntilACheckAnswered() throws IOException {
    FileRun f = file("a\n1\n");
    assertThat(f.documentsInMongo()).isNull();
    f.latest = json("{\"documents_in_mongo\":null}");
    assertThat(f.documentsInMongo()).isNull();
    f.latest = json("{\"documents_in_mongo\":0}");
    assertThat(f.documentsInMongo()).isZero();
    f.latest = json("{\"documents_in_mongo\":54966}");
    assertThat(f.documentsInMongo()).isEqualTo(54_966L);
  }

  @Test
  void theFirstProblemOrNothing() throws IOException {
    FileRun f = file("a\n1\n");
    assertThat(f.firstProblem()).isEmpty();
    f.latest = json("{\"problems\":[]}");
    assertThat(f.firstProblem()).isEmpty();
    f.latest = json("{\"problems\":[\"3 rows missing\",\"digest differs\"]}");
    assertThat(f.firstProblem()).isEqualTo("3 rows missing");
  }
}
