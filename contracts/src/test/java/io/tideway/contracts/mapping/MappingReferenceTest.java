package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/mapping.schema.json and docs/MAPPINGS.md say exactly what the parser reads: every key of
 * every mapping record, every type, transform, severity and rule word.
 */
class MappingReferenceTest {

  private static final Path DOCS = Path.of("..", "docs");

  private static JsonNode schema() throws Exception {
    return new ObjectMapper().readTree(DOCS.resolve("mapping.schema.json").toFile());
  }

  /** The YAML keys the parser binds for a record type (snake_case of its components). */
  private static Set<String> keys(Class<? extends Record> type) {
    Set<String> out = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      out.add(c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase());
    }
    return out;
  }

  private static Set<String> properties(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.path("properties").fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theSchemaHasExactlyTheKeysOfEachMappingRecord() throws Exception {
    JsonNode s = schema();
    JsonNode defs = s.path("$defs");
    assertThat(properties(s)).isEqualTo(keys(Mapping.class));
    assertThat(properties(s.path("properties").path("target")))
        .isEqualTo(keys(Mapping.Target.class));
    assertThat(properties(defs.path("column"))).isEqualTo(keys(ColumnSpec.class));
    assertThat(properties(defs.path("rule"))).isEqualTo(keys(RuleSpec.class));
    assertThat(properties(defs.path("derived"))).isEqualTo(keys(DerivedField.class));
    assertThat(properties(defs.path("dialect"))).isEqualTo(keys(Dialect.class));
    for (JsonNode object :
        List.of(
            s,
            defs.path("column"),
            defs.path("rule"),
            defs.path("derived"),
            defs.path("dialect"))) {
      assertThat(object.path("additionalProperties").asBoolean(true))
          .as("the parser refuses unknown keys; so must the schema")
          .isFalse();
    }
  }

  @Test
  void theSchemaAndTheReferenceNameEveryWordTheParserAccepts() throws Exception {
    JsonNode defs = schema().path("$defs");
    assertThat(words(defs.path("column").path("properties").path("type").path("enum")))
        .isEqualTo(MappingLoader.words(FieldType.class));
    assertThat(
            words(
                defs.path("column")
                    .path("properties")
                    .path("transforms")
                    .path("items")
                    .path("enum")))
        .isEqualTo(MappingLoader.words(Transform.class));
    assertThat(words(defs.path("rule").path("properties").path("severity").path("enum")))
        .isEqualTo(MappingLoader.words(Severity.class));
    assertThat(new TreeSet<>(words(defs.path("rule").path("properties").path("rule").path("enum"))))
        .isEqualTo(new TreeSet<>(MappingLoader.RULES));

    String reference = Files.readString(DOCS.resolve("MAPPINGS.md"));
    List<String> all = new ArrayList<>();
    all.addAll(keys(Mapping.class));
    all.addAll(keys(ColumnSpec.class));
    all.addAll(keys(RuleSpec.class));
    all.addAll(keys(DerivedField.class));
    all.addAll(keys(Dialect.class));
    all.addAll(MappingLoader.words(FieldType.class));
    all.addAll(MappingLoader.words(Transform.class));
    all.addAll(MappingLoader.words(Severity.class));
    all.addAll(MappingLoader.RULES);
    all.addAll(Arrays.asList("database", "collection", "days_between", "DateTimeFormatter"));
    for (String word : all) {
      assertThat(reference).as("docs/MAPPINGS.md names `%s`", word).contains("`" + word + "`");
    }
  }

  private static List<String> words(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
