package io.tideway.verifier.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.QualityReport;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of {@code GET /api/files/{id}}: the integrity event's fields and what an operator drills
 * into.
 */
final class FileDetail {

  private FileDetail() {}

  /**
   * The event's own fields (the contract), then {@code elapsed_ms} and {@code rows_per_s} of the
   * ingest (started to completed, or to now while in flight), {@code quality} and {@code links}.
   */
  static ObjectNode of(IntegrityEvent e, QualityReport quality, Instant now) {
    ObjectNode node = Json.MAPPER.valueToTree(e);
    Instant end = e.completedAt() != null ? e.completedAt() : now;
    if (e.startedAt() != null && end.isAfter(e.startedAt())) {
      long ms = Duration.between(e.startedAt(), end).toMillis();
      node.put("elapsed_ms", ms);
      node.put("rows_per_s", Math.round(e.rowsRead() * 10_000.0 / ms) / 10.0);
    }
    node.set("quality", Json.MAPPER.valueToTree(quality));
    String base = "/api/files/" + e.fileId();
    node.putObject("links")
        .put("quality", base + "/quality")
        .put("quality_md", base + "/quality.md")
        .put("quality_html", base + "/quality.html");
    return node;
  }
}
