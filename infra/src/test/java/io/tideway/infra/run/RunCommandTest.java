package io.tideway.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report {@code ./pipeline run} prints, and its exit decision. */
class RunCommandTest {

  @TempDir Path tmp;

  private FileRun seen(String name, String latest) throws IOException {
    FileRun f = new FileRun(Files.writeString(tmp.resolve(name), "a\n1\n"));
    f.latest = latest == null ? null : Json.MAPPER.readTree(latest);
    return f;
  }

  @Test
  void aFileTheVerifierNeverReportedIsNotSeenWithTheReason() throws IOException {
    ObjectNode report =
        RunCommand.report(
            List.of(
                seen(
                    "a.csv", "{\"file_name\":\"a.csv\",\"status\":\"VERIFIED\",\"rows_read\":300}"),
                seen("b.csv", null)),
            2_000);
    assertThat(report.path("files")).hasSize(2);
    assertThat(report.path("files").get(0).path("status").asText()).isEqualTo("VERIFIED");
    assertThat(report.path("files").get(1).path("file_name").asText()).isEqualTo("b.csv");
    assertThat(report.path("files").get(1).path("status").asText()).isEqualTo("NOT_SEEN");
    assertThat(report.path("files").get(1).path("problems").get(0).asText())
        .contains("never reported");
    assertThat(report.path("elapsed_ms").asLong()).isEqualTo(2_000);
    assertThat(report.path("rows_per_s").asDouble()).isEqualTo(150.0);
    assertThat(RunCommand.allVerified(report)).isFalse();
  }

  @Test
  void noTimeElapsedMeansNoRate() throws IOException {
    ObjectNode report =
        RunCommand.report(List.of(seen("a.csv", "{\"status\":\"VERIFIED\",\"rows_read\":3}")), 0);
    assertThat(report.path("rows_per_s").asDouble()).isZero();
  }

  @Test
  void theRunSucceedsOnlyWhenEveryFileIsVerified() throws IOException {
    record Case(List<String> statuses, boolean allVerified) {}
    for (Case c :
        List.of(
            new Case(List.of("VERIFIED"), true),
            new Case(List.of("VERIFIED", "VERIFIED"), true),
            new Case(List.of("VERIFIED", "FAILED"), false),
            new Case(List.of("MISMATCH"), false),
            new Case(List.of("ROLLED_BACK"), false),
            new Case(List.of("NOT_SEEN"), false))) {
      ObjectNode report = Json.MAPPER.createObjectNode();
      c.statuses().forEach(s -> report.withArray("files").addObject().put("status", s));
      assertThat(RunCommand.allVerified(report)).as(c.toString()).isEqualTo(c.allVerified());
    }
  }
}
