package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.payload.MappingVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingVersionsTest {

  static String yaml(String name, String type) {
    return "name: "
        + name
        + "\ntarget: {database: tideway, collection: "
        + name.replace('-', '_')
        + "}\ncolumns:\n  - {source: A, target: a, type: "
        + type
        + "}\n";
  }

  static MappingVersion version(String name, int v, String yaml) {
    return MappingVersion.of(name, v, yaml, MappingVersion.APPLIED);
  }

  /** Existing texts by version (latest last), the text published, seed or not → the decision. */
  @ParameterizedTest(name = "{0} + {1} (seed {2}) -> unchanged {3}, v{4}")
  @CsvSource({
    "'',      a, false, false, 1",
    "'',      a, true,  false, 1",
    "a,       a, false, true,  1",
    "a,       b, false, false, 2",
    "a b,     a, false, false, 3",
    "a b,     a, true,  true,  1",
    "a b,     b, true,  true,  2",
    "a b a,   a, false, true,  3",
    "a b c,   d, true,  false, 4",
  })
  void decidesWhetherATextIsANewVersion(
      String existing, String text, boolean seed, boolean unchanged, int version) {
    List<String> texts = existing.isBlank() ? List.of() : List.of(existing.split(" "));
    List<MappingVersion> versions =
        java.util.stream.IntStream.range(0, texts.size())
            .mapToObj(i -> version("m", i + 1, texts.get(i)))
            .toList();
    assertThat(MappingVersions.decide(versions, MappingVersion.sha256(text), seed))
        .isEqualTo(new MappingVersions.Decision(unchanged, version));
  }

  @Test
  void servesTheLatestAndEveryVersion() {
    MappingVersions v = new MappingVersions();
    v.accept(version("m", 2, yaml("m", "int")));
    v.accept(version("m", 1, yaml("m", "string")));
    assertThat(v.latest("m").orElseThrow().record().version()).isEqualTo(2);
    assertThat(v.latest("m").orElseThrow().mapping().columns().get(0).type())
        .isEqualTo(FieldType.INT);
    assertThat(v.await("m", 1, Duration.ZERO).mapping().columns().get(0).type())
        .isEqualTo(FieldType.STRING);
    assertThat(v.all("m")).extracting(x -> x.record().version()).containsExactly(1, 2);
    assertThat(v.latest("other")).isEmpty();
  }

  @Test
  void anUnparsableTextIsSkipped() {
    MappingVersions v = new MappingVersions();
    v.accept(version("m", 1, "name: m\ncolumns: [oops"));
    assertThat(v.latest("m")).isEmpty();
  }

  @Test
  void waitsForAVersionNotReadYet() throws Exception {
    MappingVersions v = new MappingVersions();
    v.accept(version("m", 1, yaml("m", "string")));
    CompletableFuture<MappingVersions.Versioned> waiting =
        CompletableFuture.supplyAsync(() -> v.await("m", 2, Duration.ofSeconds(30)));
    assertThat(waiting).isNotDone();
    v.accept(version("m", 2, yaml("m", "int")));
    assertThat(waiting.get().record().version()).isEqualTo(2);
  }

  @Test
  void aVersionThatDoesNotComeFailsAtTheDeadlineSayingWhatItWaitedFor() {
    MappingVersions v = new MappingVersions();
    v.accept(version("m", 1, yaml("m", "string")));
    assertThatThrownBy(() -> v.await("m", 3, Duration.ofMillis(50)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("mapping m v3 was not read")
        .hasMessageContaining("latest read: v1");
  }

  @ParameterizedTest
  @CsvSource({"m@3, m, 3, m v3", "m, m, 0, m", "a@b@12, a@b, 12, a@b v12", "m@x, m@x, 0, m@x"})
  void referencesNameAVersion(String ref, String name, int version, String label) {
    MappingRef r = MappingRef.parse(ref);
    assertThat(r).isEqualTo(new MappingRef(name, version));
    assertThat(r.label()).isEqualTo(label);
    assertThat(r.toString()).isEqualTo(ref);
  }

  @Test
  void aCatalogResolvesAVersionedReference() {
    MappingCatalog c = MappingCatalog.builtIn();
    c.accept(version("m", 1, yaml("m", "string")));
    c.accept(version("m", 2, yaml("m", "int")));
    assertThat(c.get("m").columns().get(0).type()).isEqualTo(FieldType.INT);
    assertThat(c.get("m@1").columns().get(0).type()).isEqualTo(FieldType.STRING);
    assertThat(c.currentRef("m")).isEqualTo("m@2");
    assertThat(c.all()).extracting(Mapping::name).contains("m", MappingCatalog.DEFAULT_MAPPING);
  }
}
