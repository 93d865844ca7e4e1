package io.tideway.contracts.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a mapping file (YAML or JSON); every problem fails with the file and line named.
 */
public final class MappingLoader {

  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          // A misspelt key must fail loudly, not be ignored.
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  static final Set<String> RULES = Set.of("min", "max", "pattern", "not_blank");
  private static final Set<String> FUNCTIONS = Set.of("days_between");

  private MappingLoader() {}

  /** Parses and validates; {@code origin} names the file in error messages. */
  public static Mapping read(InputStream in, String origin) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MappingException(origin + ": cannot read: " + e.getMessage(), e);
    }
    return read(text, origin);
  }

  /** Parses and validates a mapping's text; {@code origin} names it in error messages. */
  public static Mapping read(String text, String origin) {
    Mapping mapping;
    try {
      mapping = YAML.readValue(text, Mapping.class);
    } catch (UnrecognizedPropertyException e) {
      // Jackson locates an unknown key at the end of its enclosing object; the key's own line
      // helps.
      int line = lineOfKey(text, e.getPropertyName(), e.getLocation());
      throw new MappingException(
          origin
              + ":"
              + line
              + ": unknown key '"
              + e.getPropertyName()
              + "' (known: "
              + e.getKnownPropertyIds()
              + ")",
          e);
    } catch (InvalidFormatException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? origin : origin + ":" + at.getLineNr();
      if (e.getTargetType() != null && e.getTargetType().isEnum()) {
        // In the mapping's own words (decimal, collapse_spaces), not the Java constant names.
        throw new MappingException(
            where
                + ": unknown "
                + enumKind(e.getTargetType())
                + " '"
                + e.getValue()
                + "' (known: "
                + String.join(", ", words(e.getTargetType()))
                + ")",
            e);
      }
      throw new MappingException(where + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? origin : origin + ":" + at.getLineNr();
      throw new MappingException(where + ": " + e.getOriginalMessage(), e);
    }
    if (mapping == null) {
      throw new MappingException(origin + ": empty mapping file");
    }
    List<String> problems = check(mapping);
    if (!problems.isEmpty()) {
      throw new MappingException(origin + ": " + String.join("; ", problems));
    }
    return mapping;
  }

  /** Every semantic problem of a parsed mapping, empty when it is usable. */
  static List<String> check(Mapping m) {
    List<String> problems = new ArrayList<>();
    if (blank(m.name())) {
      problems.add("name is missing");
    }
    if (m.target() == null || blank(m.target().database()) || blank(m.target().collection())) {
      problems.add("target.database and target.collection are required");
    }
    if (m.columns().isEmpty()) {
      problems.add("columns is empty");
    }
    Set<String> sources = new HashSet<>();
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < m.columns().size(); i++) {
      ColumnSpec c = m.columns().get(i);
      String at = "columns[" + i + "]";
      if (blank(c.source())) {
        problems.add(at + ".source is missing");
      } else if (!sources.add(c.source())) {
        problems.add(at + ": source column '" + c.source() + "' is mapped twice");
      }
      if (blank(c.target())) {
        problems.add(at + ".target is missing");
      } else if (!targets.add(c.target())) {
        problems.add(at + ": target '" + c.target() + "' is written twice");
      }
      if (!c.allFormats().isEmpty()
          && c.type() != FieldType.DATE
          && c.type() != FieldType.DATETIME) {
        problems.add(at + ": format applies to date and datetime columns only");
      }
      if (c.type() == FieldType.ENUM && c.values().isEmpty()) {
        problems.add(at + ": an enum column needs values");
      }
      for (RuleSpec r : c.rules()) {
        if (r.rule() == null || !RULES.contains(r.rule())) {
          problems.add(at + ": unknown rule '" + r.rule() + "' (known: " + RULES + ")");
        }
        if (r.severity() == null) {
          problems.add(at + ": rule '" + r.rule() + "' needs a severity (reject or warn)");
        }
      }
    }
    problems.addAll(m.dialect().problems());
    for (String key : m.dedupKey()) {
      if (!sources.contains(key)) {
        problems.add("dedup_key names '" + key + "', which is not a mapped source column");
      }
    }
    for (DerivedField d : m.derived()) {
      if (d.function() == null || !FUNCTIONS.contains(d.function())) {
        problems.add("derived '" + d.target() + "': unknown function '" + d.function() + "'");
      }
      if (d.from() == null || d.from().stream().anyMatch(f -> !targets.contains(f))) {
        problems.add(
            "derived '" + d.target() + "': from must name mapped targets, got " + d.from());
      }
    }
    return problems;
  }

  private static String enumKind(Class<?> type) {
    if (type == FieldType.class) {
      return "type";
    }
    if (type == Transform.class) {
      return "transform";
    }
    if (type == Severity.class) {
      return "severity";
    }
    return "value";
  }

  /** The words a mapping file may use for an enum's constants. */
  static List<String> words(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      out.add(((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static int lineOfKey(String text, String key, JsonLocation fallback) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].stripLeading();
      if (t.startsWith("- ")) {
        t = t.substring(2).stripLeading();
      }
      if (t.startsWith(key + ":")) {
        return i + 1;
      }
    }
    return fallback == null ? 0 : fallback.getLineNr();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
