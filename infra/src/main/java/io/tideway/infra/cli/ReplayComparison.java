package io.tideway.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import java.util.List;

/**
 * Compares the verifier's view of a file and of its replay: counts of both and what changed — in
 * the mapping (version and rules) and, per field, in the data (the two quality reports).
 */
final class ReplayComparison {

  /**
   * What the two sides were cleaned with and what their data looked like.
   *
   * @param changes {@link io.tideway.contracts.mapping.MappingDiff} of the two versions; empty when
   *     the version is the same
   * @param qualityBefore the original's quality report ({@code GET /api/files/{id}/quality}), or
   *     null when unknown; likewise {@code qualityAfter}
   */
  record Content(
      String mapping,
      int before,
      int after,
      List<String> changes,
      JsonNode qualityBefore,
      JsonNode qualityAfter) {}

  /** The counts compared, as named in the verifier's integrity objects. */
  static final List<String> COUNTS = List.of("rows_read", "cleaned", "duplicates", "rejected");

  private ReplayComparison() {}

  static ObjectNode of(JsonNode original, JsonNode replay) {
    return of(original, replay, null);
  }

  /** The comparison, with what changed in content when {@code content} is known. */
  static ObjectNode of(JsonNode original, JsonNode replay, Content content) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("original", side(original));
    out.set("replay", side(replay));
    ObjectNode diff = out.putObject("difference");
    for (String c : COUNTS) {
      diff.put(c, replay.path(c).asLong() - original.path(c).asLong());
    }
    String summary = summary(original, replay);
    if (content != null) {
      ObjectNode m = out.putObject("mapping");
      m.put("name", content.mapping());
      m.put("before", content.before());
      m.put("after", content.after());
      m.set("changes", Json.MAPPER.valueToTree(content.changes()));
      List<String> data = new java.util.ArrayList<>();
      out.set("fields", fieldChanges(content.qualityBefore(), content.qualityAfter(), data));
      StringBuilder text = new StringBuilder();
      if (content.before() != content.after()) {
        text.append("mapping ")
            .append(content.mapping())
            .append(" v")
            .append(content.before())
            .append(" -> v")
            .append(content.after());
        text.append(
            content.changes().isEmpty()
                ? " (same rules)"
                : ": " + String.join("; ", content.changes()));
        text.append(". ");
      } else {
        text.append("mapping ")
            .append(content.mapping())
            .append(" v")
            .append(content.after())
            .append(" unchanged. ");
      }
      if (!data.isEmpty()) {
        text.append("Data: ").append(String.join("; ", data)).append(". ");
      }
      summary = text + summary;
    }
    out.put("summary", summary);
    return out;
  }

  /**
   * Per source column of either report, its type and conforming / missing / invalid counts on both
   * sides, for the columns where any of them differ; {@code sentences} gets one line per such
   * column.
   */
  static com.fasterxml.jackson.databind.node.ArrayNode fieldChanges(
      JsonNode before, JsonNode after, List<String> sentences) {
    com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
    java.util.Map<String, JsonNode> old = columns(before);
    java.util.Map<String, JsonNode> now = columns(after);
    java.util.LinkedHashSet<String> sources = new java.util.LinkedHashSet<>(now.keySet());
    sources.addAll(old.keySet());
    for (String source : sources) {
      JsonNode b = old.get(source);
      JsonNode a = now.get(source);
      List<String> parts = new java.util.ArrayList<>();
      String field = (a != null ? a : b).path("target").asText(source);
      if (b == null) {
        parts.add("new field (" + a.path("type").asText() + ")");
      } else if (a == null) {
        parts.add("no longer mapped");
      } else {
        if (!b.path("target").asText().equals(a.path("target").asText())) {
          field = b.path("target").asText() + " -> " + a.path("target").asText();
        }
        if (!b.path("type").asText().equals(a.path("type").asText())) {
          parts.add("type " + b.path("type").asText() + " -> " + a.path("type").asText());
        }
        for (String n : List.of("conforming", "missing", "invalid")) {
          long x = b.path(n).asLong();
          long y = a.path(n).asLong();
          if (x != y) {
            parts.add(n + " " + x + " -> " + y);
          }
        }
      }
      if (parts.isEmpty()) {
        continue;
      }
      ObjectNode c = out.addObject();
      c.put("source", source);
      c.put("field", field);
      if (b != null) {
        c.set("before", counts(b));
      }
      if (a != null) {
        c.set("after", counts(a));
      }
      sentences.add(field + ": " + String.join(", ", parts));
    }
    return out;
  }

  private static java.util.Map<String, JsonNode> columns(JsonNode report) {
    java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    if (report != null) {
      for (JsonNode c : report.path("columns")) {
        out.put(c.path("source").asText(), c);
      }
    }
    return out;
  }

  private static ObjectNode counts(JsonNode c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("target", c.path("target").asText());
    o.put("type", c.path("type").asText());
    for (String n : List.of("conforming", "missing", "invalid")) {
      o.put(n, c.path(n).asLong());
    }
    return o;
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
