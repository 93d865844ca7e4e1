package io.tideway.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayComparisonTest {

  private static JsonNode file(
      String id, String status, long rows, long cleaned, long dups, long rejected) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("file_id", id)
        .put("status", status)
        .put("rows_read", rows)
        .put("cleaned", cleaned)
        .put("duplicates", dups)
        .put("rejected", rejected)
        .put("documents_in_mongo", cleaned);
    return n;
  }

  @Test
  void aReplayWithoutRollbackIsAllDuplicatesAndSaysNothingChanged() {
    ObjectNode out =
        ReplayComparison.of(
            file("a", "VERIFIED", 100, 95, 3, 2), file("a-r1", "VERIFIED", 100, 0, 98, 2));

    assertThat(out.path("original").path("cleaned").asLong()).isEqualTo(95);
    assertThat(out.path("replay").path("file_id").asText()).isEqualTo("a-r1");
    assertThat(out.path("difference").path("cleaned").asLong()).isEqualTo(-95);
    assertThat(out.path("summary").asText()).startsWith("nothing changed");
  }

  @Test
  void aReplayAfterRollbackUnderChangedRulesShowsTheShift() {
    ObjectNode out =
        ReplayComparison.of(
            file("a", "ROLLED_BACK", 100, 95, 3, 2), file("a-r1", "VERIFIED", 100, 90, 3, 7));

    assertThat(Json.MAPPER.convertValue(out.path("difference"), Map.class))
        .containsEntry("rows_read", 0L)
        .containsEntry("cleaned", -5L)
        .containsEntry("duplicates", 0L)
        .containsEntry("rejected", 5L);
    assertThat(out.path("summary").asText()).contains("90 cleaned (-5)", "7 rejected (+5)");
    assertThat(out.path("original").path("status").asText()).isEqualTo("ROLLED_BACK");
  }

  @Test
  void anUnchangedOutcomeSaysSo() {
    ObjectNode out =
        ReplayComparison.of(
            file("a", "ROLLED_BACK", 10, 8, 1, 1), file("a-r1", "VERIFIED", 10, 8, 1, 1));
    assertThat(out.path("summary").asText()).startsWith("same outcome");
    assertThat(out.path("difference").path("rejected").asLong()).isZero();
  }

  @Test
  void onlyFinalStatusesEndTheWait() {
    assertThat(OperatorCommands.settled("VERIFIED")).isTrue();
    assertThat(OperatorCommands.settled("ROLLED_BACK")).isTrue();
    assertThat(OperatorCommands.settled("INGESTED")).isFalse();
    assertThat(OperatorCommands.settled("INGESTING")).isFalse();
  }

  private static JsonNode quality(String target, String type, long ok, long missing, long bad) {
    ObjectNode q = Json.MAPPER.createObjectNode();
    q.putArray("columns")
        .addObject()
        .put("source", "When")
        .put("target", target)
        .put("type", type)
        .put("conforming", ok)
        .put("missing", missing)
        .put("invalid", bad);
    return q;
  }

  @Test
  void aReplayUnderANewMappingVersionNamesTheRuleChangesAndWhatChangedInTheData() {
    ObjectNode out =
        ReplayComparison.of(
            file("a", "ROLLED_BACK", 10, 10, 0, 0),
            file("a-r1", "VERIFIED", 10, 9, 0, 1),
            new ReplayComparison.Content(
                "orders",
                1,
                2,
                java.util.List.of("type changed: when string -> date"),
                quality("when", "string", 10, 0, 0),
                quality("when", "date", 9, 0, 1)));

    assertThat(out.path("mapping").path("before").asInt()).isEqualTo(1);
    assertThat(out.path("mapping").path("after").asInt()).isEqualTo(2);
    assertThat(out.path("fields").get(0).path("after").path("type").asText()).isEqualTo("date");
    assertThat(out.path("summary").asText())
        .startsWith("mapping orders v1 -> v2: type changed: when string -> date.")
        .contains("when: type string -> date, conforming 10 -> 9, invalid 0 -> 1")
        .contains("9 cleaned (-1)");
  }

  @Test
  void theSameVersionWithTheSameDataSaysTheMappingIsUnchanged() {
    ObjectNode out =
        ReplayComparison.of(
            file("a", "ROLLED_BACK", 10, 10, 0, 0),
            file("a-r1", "VERIFIED", 10, 10, 0, 0),
            new ReplayComparison.Content(
                "orders",
                2,
                2,
                java.util.List.of(),
                quality("when", "date", 10, 0, 0),
                quality("when", "date", 10, 0, 0)));
    assertThat(out.path("fields")).isEmpty();
    assertThat(out.path("summary").asText())
        .startsWith("mapping orders v2 unchanged. same outcome");
  }
}
