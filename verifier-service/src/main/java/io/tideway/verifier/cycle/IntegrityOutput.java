package io.tideway.verifier.cycle;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;

/** Where the verifier announces what it found: Kafka topics, the live event stream, a webhook. */
public interface IntegrityOutput {

  void integrity(IntegrityEvent event);

  void alert(Alert alert);
}
