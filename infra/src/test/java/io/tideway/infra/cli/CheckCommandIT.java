package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.Readiness;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pipeline check} on its own stack: Kafka + ingest + cleaner, counts from the topics, no
 * MongoDB.
 */
class CheckCommandIT {

  private static final int ROWS = 2_000;
  private static final long DUPLICATES = 20;

  @Test
  void dryRunCountsEveryRowAndRuleWithoutStartingMongo() throws Exception {
    Path home = Path.of("").toAbsolutePath().getParent();
    Path state = Path.of("target", "check-it").toAbsolutePath();
    Path input = Files.createDirectories(Path.of("target", "check-it-input").toAbsolutePath());
    Path file = input.resolve("admissions-bad.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      new AdmissionsGenerator(ROWS, DUPLICATES, 7).write(out);
    }
    Files.writeString(
        file,
        String.join(
                "\r\n",
                "Bad Age,abc,Male,A+,Asthma,2024-01-01,Dr X,Clinic,Aetna,100.5,101,Urgent,2024-01-03,Aspirin,Normal",
                "Bad Blood,40,Male,C+,Asthma,2024-01-01,Dr X,Clinic,Aetna,100.5,101,Urgent,2024-01-03,Aspirin,Normal",
                ",41,Female,A+,Asthma,2024-01-01,Dr X,Clinic,Aetna,100.5,101,Urgent,2024-01-03,Aspirin,Normal",
                "Short Row,42,Male",
                "No Meds,43,Male,A+,Asthma,2024-02-01,Dr Y,Clinic,Aetna,100.5,0,Urgent,2024-02-03,,Normal")
            + "\r\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    List<String> processes = new ArrayList<>();
    boolean[] mongo = {true, true};
    CheckCommand.Result r =
        CheckCommand.execute(
            new Layout(home, state),
            file,
            "healthcare-admissions",
            2,
            Duration.ofMinutes(4),
            System.err,
            stack -> {
              processes.addAll(stack.processNames());
              mongo[0] = stack.mongoStarted();
              mongo[1] = Readiness.portOpen(stack.settings().mongoPort());
            });

    assertThat(processes).containsExactlyInAnyOrder("kafka", "ingest-service", "cleaner-streams");
    assertThat(mongo[0]).as("a mongo process was started").isFalse();
    assertThat(mongo[1]).as("something listens on the would-be MongoDB port").isFalse();
    assertThat(r.outcome()).isEqualTo(CheckWatcher.Outcome.ACCOUNTED);
    assertThat(r.mapping()).isEqualTo("healthcare-admissions");
    long rows = ROWS + 5;
    assertThat(r.rowsRead()).isEqualTo(rows);
    assertThat(r.duplicates()).isEqualTo(DUPLICATES);
    assertThat(r.rejected()).isEqualTo(5);
    assertThat(r.wouldLoad()).isEqualTo(ROWS - DUPLICATES);

    QualityReport q = r.quality();
    assertThat(q.rows()).isEqualTo(rows);
    assertThat(q.rejectsByRule())
        .containsOnlyKeys(
            "int", "enum", "required", "facility.room_number.out_of_range", "csv.field_count")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    Map<String, ColumnQuality> c =
        q.columns().stream().collect(Collectors.toMap(ColumnQuality::column, Function.identity()));
    // The short row never reached the columns.
    assertThat(c.get("Age").invalid()).isEqualTo(1);
    assertThat(c.get("Blood Type").invalid()).isEqualTo(1);
    assertThat(c.get("Name").missing()).isEqualTo(1);
    assertThat(c.get("Medication").missing()).isEqualTo(1);
    assertThat(c.get("Room Number").invalid()).isEqualTo(1);
    assertThat(c.values())
        .allSatisfy(
            col ->
                assertThat(col.conforming() + col.missing() + col.invalid()).isEqualTo(rows - 1));

    JsonNode json = Json.MAPPER.readTree(CheckCommand.json(r));
    assertThat(json.path("file_name").asText()).isEqualTo("admissions-bad.csv");
    assertThat(json.path("would_load").asLong()).isEqualTo(ROWS - DUPLICATES);
    assertThat(json.path("quality").path("rejects_by_rule").path("enum").asLong()).isEqualTo(1);
    assertThat(CheckCommand.markdown(r))
        .contains("| Rows read | 2,005 |", "nothing was written to MongoDB");
  }
}
