package io.tideway.verifier.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's announcements reach every output (topics, dashboards, webhook), in order. */
class IntegrityOutputTest {

  private static IntegrityOutput named(String name, List<String> heard) {
    return new IntegrityOutput() {
      @Override
      public void integrity(IntegrityEvent event) {
        heard.add(name + " integrity");
      }

      @Override
      public void alert(Alert alert) {
        heard.add(name + " alert");
      }
    };
  }

  @Test
  void everyOutputHearsEachAnnouncementInOrder() {
    List<String> heard = new ArrayList<>();
    List<IntegrityOutput> outputs =
        new ArrayList<>(List.of(named("topics", heard), named("dashboards", heard)));
    IntegrityOutput all = IntegrityOutput.fanOut(outputs);
    outputs.add(named("added later", heard)); // the fan-out keeps the outputs it was given

    all.integrity(null);
    all.alert(null);

    assertThat(heard)
        .containsExactly(
            "topics integrity", "dashboards integrity", "topics alert", "dashboards alert");
  }
}
