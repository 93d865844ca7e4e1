package io.tideway.verifier.cycle;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects what the cycle announces. */
final class RecordingOutput implements IntegrityOutput {

  final List<IntegrityEvent> events = new ArrayList<>();
  final List<Alert> alerts = new ArrayList<>();

  @Override
  public void integrity(IntegrityEvent event) {
    events.add(event);
  }

  @Override
  public void alert(Alert alert) {
    alerts.add(alert);
  }
}
