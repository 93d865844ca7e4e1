package io.tideway.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressPrinterTest {

  @TempDir Path tmp;

  private String line(String status, long rowsRead, long inserted) throws Exception {
    return line(
        "{\"status\":\""
            + status
            + "\",\"rows_read\":"
            + rowsRead
            + ",\"inserted\":"
            + inserted
            + "}");
  }

  private FileRun run(String json) throws Exception {
    FileRun run = new FileRun(Files.writeString(tmp.resolve("a.csv"), "h\n1\n2\n3\n4\n"));
    run.droppedAtNanos = System.nanoTime() - 2_000_000_000L;
    run.latest = Json.MAPPER.readTree(json);
    return run;
  }

  private String line(String json) throws Exception {
    FileRun run = run(json);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(List.of(run));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void showsPercentRowsAndAnEtaWhileRowsAreOutstanding() throws Exception {
    String line = line("INGESTING", 4, 2);
    assertThat(line)
        .contains("a.csv", "INGESTING", "[##########..........]  50%", "accounted 2/4", "ETA ");
  }

  @Test
  void saysVerifyingOnceEveryRowIsAccountedButTheFileIsNotSettled() throws Exception {
    assertThat(line("INGESTED", 4, 4)).contains("100%", "verifying").doesNotContain("ETA");
    assertThat(line("VERIFIED", 4, 4)).contains("100%", "done");
  }

  @Test
  void showsUnknownDocumentsAsAQuestionMarkAndWaitsOnAFileMongoDbDoesNotAnswerFor()
      throws Exception {
    String json =
        "{\"status\":\"WAITING\",\"rows_read\":4,\"inserted\":4,\"documents_in_mongo\":null,"
            + "\"problems\":[\"MongoDB did not answer: Timed out\"]}";
    assertThat(line(json))
        .contains("WAITING", "in MongoDB ?", "waiting: MongoDB did not answer: Timed out");
    assertThat(run(json).settled()).isFalse();
    assertThat(
            line(
                "{\"status\":\"VERIFIED\",\"rows_read\":4,\"inserted\":4,\"documents_in_mongo\":4}"))
        .contains("in MongoDB 4");
  }
}
