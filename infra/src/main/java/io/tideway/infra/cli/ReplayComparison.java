package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import java.util.List;

/** Compares the verifier's view of a file and of its replay: counts of both and what changed. */
final class ReplayComparison {

  /** The counts compared, as named in the verifier's integrity objects. */
  static final List<String> COUNTS = List.of("rows_read", "cleaned", "duplicates", "rejected");

  private ReplayComparison() {}

  static ObjectNode of(JsonNode original, JsonNode replay) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("original", side(original));
    out.set("replay", side(replay));
    ObjectNode diff = out.putObject("difference");
    for (String c : COUNTS) {
      diff.put(c, replay.path(c).asLong() - original.path(c).asLong());
    }
    out.put("summary", summary(original, replay));
    return out;
  }

  private static ObjectNode side(JsonNode f) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("file_id", f.path("file_id").asText(null));
    s.put("status", f.path("status").asText(null));
    for (String c : COUNTS) {
      s.put(c, f.path(c).asLong());
    }
    return s;
  }

  static String summary(JsonNode original, JsonNode replay) {
    long dups = replay.path("duplicates").asLong();
    long cleaned = replay.path("cleaned").asLong() - original.path("cleaned").asLong();
    long rejected = replay.path("rejected").asLong() - original.path("rejected").asLong();
    if (replay.path("cleaned").asLong() == 0 && dups > 0 && rejected == 0) {
      // Rejects are never duplicates, so an unchanged file replays as its rejects plus duplicates.
      return "nothing changed: every row that loads is a duplicate of a document already loaded"
          + " (roll the original back first to load it again under the current rules)";
    }
    if (cleaned == 0 && rejected == 0 && dups == original.path("duplicates").asLong()) {
      return "same outcome: "
          + replay.path("cleaned").asLong()
          + " cleaned, "
          + dups
          + " duplicates, "
          + replay.path("rejected").asLong()
          + " rejected, as before";
    }
    return String.format(
        "%s cleaned (%+d), %d duplicates (%+d), %d rejected (%+d) compared with the original",
        replay.path("cleaned").asLong(),
        cleaned,
        dups,
        dups - original.path("duplicates").asLong(),
        replay.path("rejected").asLong(),
        rejected);
  }
}
