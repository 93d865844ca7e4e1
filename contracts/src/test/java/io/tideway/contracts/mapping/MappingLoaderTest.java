package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {

  private static Mapping read(String yaml) {
    return MappingLoader.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "m.yaml");
  }

  private static final String VALID =
      String.join(
          "\n",
          "name: tiny",
          "target: {database: db, collection: c}",
          "columns:",
          "  - source: A",
          "    target: x.a",
          "    type: int",
          "  - source: B",
          "    target: x.b",
          "");

  @Test
  void defaultsTheDedupKeyToEveryMappedColumn() {
    Mapping m = read(VALID);
    assertThat(m.dedupKey()).containsExactly("A", "B");
    assertThat(m.column("B").orElseThrow().type()).isEqualTo(FieldType.STRING);
    assertThat(m.requiredColumns()).containsExactly("A", "B");
  }

  @Test
  void namesTheLineOfAnUnknownKey() {
    String yaml = VALID.replace("columns:", "colums:");
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("m.yaml:3: unknown key 'colums'");
  }

  @Test
  void namesTheLineOfAnUnknownType() {
    String yaml = VALID.replace("type: int", "type: integr");
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("m.yaml:6:");
  }

  @Test
  void reportsEverySemanticProblemAtOnce() {
    String yaml = VALID.replace("target: x.b", "target: x.a") + "dedup_key: [Z]\n";
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("target 'x.a' is written twice")
        .hasMessageContaining("dedup_key names 'Z'");
  }

  @Test
  void catalogShipsTwoMappingsAndADirectoryOverridesByName(@TempDir Path dir) throws Exception {
    assertThat(MappingCatalog.builtIn().all())
        .extracting(Mapping::name)
        .contains("healthcare-admissions", "retail-orders");
    Files.writeString(
        dir.resolve("override.yaml"), VALID.replace("name: tiny", "name: retail-orders"));
    MappingCatalog catalog = MappingCatalog.load(dir);
    assertThat(catalog.get("retail-orders").columns()).hasSize(2);
    assertThatThrownBy(() -> catalog.get("nope")).hasMessageContaining("unknown mapping 'nope'");
  }

  @Test
  void referenceMappingTargetsTheAdmissionsCollectionWithItsIndexes() {
    Mapping m = MappingCatalog.builtIn().get(MappingCatalog.DEFAULT_MAPPING);
    assertThat(m.target().collection()).isEqualTo("admissions");
    assertThat(m.columns()).hasSize(15);
    assertThat(m.indexes()).contains("_source.file_id", "patient.name");
  }
}
