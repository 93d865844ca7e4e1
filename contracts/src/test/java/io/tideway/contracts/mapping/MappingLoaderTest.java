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
    assertThat(m.sourceColumns()).containsExactly("A", "B");
    // Neither is required: a file may leave either out of its header.
    assertThat(m.requiredColumns()).isEmpty();
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

  @Test
  void namesAnUnknownTypeOrTransformInTheMappingsOwnWords() {
    assertThatThrownBy(() -> read(VALID.replace("type: int", "type: decmal")))
        .hasMessage(
            "m.yaml:6: unknown type 'decmal' (known: string, int, long, decimal, boolean, date,"
                + " datetime, enum)");
    assertThatThrownBy(
            () -> read(VALID.replace("type: int", "type: int\n    transforms: [colapse_spaces]")))
        .hasMessageStartingWith("m.yaml:7: unknown transform 'colapse_spaces' (known: trim,")
        .hasMessageContaining("collapse_spaces");
  }

  @Test
  void checksTheDialect() {
    String yaml =
        VALID
            + "dialect: {delimiter: ';;', charset: latin-9x, header_row: 0,"
            + " decimal_separator: '_'}\n";
    assertThatThrownBy(() -> read(yaml))
        .hasMessageContaining("dialect.delimiter must be one character")
        .hasMessageContaining("dialect.charset 'latin-9x' is not a known charset")
        .hasMessageContaining("dialect.header_row must be 1 or more")
        .hasMessageContaining("dialect.decimal_separator must be '.' or ','");
    Mapping ok = read(VALID + "dialect: {delimiter: tab, charset: windows-1252}\n");
    assertThat(ok.dialect().delimiterOr(',')).isEqualTo('\t');
  }

  @Test
  void aHeaderFitsAMappingWhenEveryColumnIsMappedAndEveryRequiredOneIsThere() {
    Mapping m = read(VALID.replace("    type: int", "    type: int\n    required: true"));
    assertThat(m.fits(java.util.List.of("A", "B"))).isTrue();
    assertThat(m.fits(java.util.List.of("A"))).isTrue();
    assertThat(m.fits(java.util.List.of("B"))).as("required A absent").isFalse();
    assertThat(m.fits(java.util.List.of("A", "B", "C"))).as("C unmapped").isFalse();
  }

  @Test
  void findsAMappingAddedToTheDirectoryWhileRunningAtOnce(@TempDir Path dir) throws Exception {
    MappingCatalog catalog = MappingCatalog.load(java.util.List.of(dir));
    assertThat(catalog.find("tiny")).isEmpty();
    Files.writeString(dir.resolve("tiny.yaml"), VALID);
    // Ingest writes the mapping before the file's first row: the next lookup must see it, even
    // right after another one (no time-based throttle may hide it and reject the rows).
    assertThat(catalog.find("tiny")).isPresent();
    Files.writeString(dir.resolve("tiny2.yaml"), VALID.replace("name: tiny", "name: tiny2"));
    assertThat(catalog.find("tiny2")).isPresent();
    assertThat(catalog.matching(java.util.List.of("B", "A")).name()).isIn("tiny", "tiny2");
  }
}
