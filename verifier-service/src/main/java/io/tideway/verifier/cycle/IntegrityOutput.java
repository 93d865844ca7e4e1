package io.tideway.verifier.cycle;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import java.util.List;

/** Where the verifier announces what it found: Kafka topics, the live event stream, a webhook. */
public interface IntegrityOutput {

  void integrity(IntegrityEvent event);

  void alert(Alert alert);

  /** Every one of {@code outputs}, in order. */
  static IntegrityOutput fanOut(List<IntegrityOutput> outputs) {
    List<IntegrityOutput> all = List.copyOf(outputs);
    return new IntegrityOutput() {
      @Override
      public void integrity(IntegrityEvent event) {
        all.forEach(o -> o.integrity(event));
      }

      @Override
      public void alert(Alert alert) {
        all.forEach(o -> o.alert(alert));
      }
    };
  }
}
