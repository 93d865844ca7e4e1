package io.tideway.infra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void onlyMismatchStatusesAndAlertsAreFalseAlarms() throws Exception {
    record Case(List<JsonNode> statuses, List<JsonNode> alerts, int alarms) {}
    JsonNode progressing = json("{'status':'PROGRESSING','problems':[]}");
    JsonNode waiting = json("{'status':'WAITING','problems':['MongoDB did not answer']}");
    JsonNode verified = json("{'status':'VERIFIED','problems':[]}");
    JsonNode mismatch = json("{'status':'MISMATCH','problems':['loader side not settled']}");
    JsonNode stalled = json("{'id':'STALLED/f','type':'STALLED','state':'OPEN','message':'m'}");
    JsonNode mismatchAlert =
        json("{'id':'MISMATCH/f','type':'MISMATCH','state':'OPEN','message':'short'}");
    JsonNode mismatchResolved =
        json("{'id':'MISMATCH/f','type':'MISMATCH','state':'RESOLVED','message':'ok'}");
    for (Case c :
        List.of(
            new Case(List.of(progressing, waiting, verified), List.of(stalled), 0),
            new Case(List.of(progressing, mismatch, verified), List.of(), 1),
            new Case(List.of(verified), List.of(mismatchAlert, mismatchResolved), 2),
            new Case(List.of(), List.of(), 0))) {
      assertThat(new VerdictLog(c.statuses(), c.alerts()).falseAlarms())
          .as(c.toString())
          .hasSize(c.alarms());
    }
    assertThat(new VerdictLog(List.of(), List.of(stalled, mismatchAlert)).alertTypes())
        .containsExactly("STALLED", "MISMATCH");
  }
}
