package io.tideway.contracts.mapping.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.FieldType;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MappingInferenceTest {

  private static Mapping roundTrip(MappingInference.Draft d) {
    String yaml = MappingYaml.write(d, "f.csv");
    return MappingLoader.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "draft.yaml");
  }

  @Test
  void draftsAEuropeanBankStatementThatLoadsBackUnchanged() {
    String csv =
        "Kontoauszug;Girokonto\r\n"
            + "Buchungstag;Verwendungszweck;Betrag (€);Saldo;Anzahl\r\n"
            + "01.03.2024;Miete März;-1.234,56;5.000,00;1\r\n"
            + "02.03.2024;\"Gehalt; März\";3.100,00;8.100,00;NA\r\n";
    MappingInference.Draft d =
        MappingInference.draft(
            new MappingInference.Head(csv.getBytes(Charset.forName("windows-1252")), true),
            "bank",
            "bank.csv");
    Mapping m = roundTrip(d);
    assertThat(m).isEqualTo(d.mapping());
    assertThat(m.dialect().delimiter()).isEqualTo(";");
    assertThat(m.dialect().charset()).isEqualTo("windows-1252");
    assertThat(m.dialect().headerRow()).isEqualTo(2);
    assertThat(m.dialect().decimalSeparator()).isEqualTo(",");
    assertThat(m.columns())
        .extracting(c -> c.target())
        .containsExactly("buchungstag", "verwendungszweck", "betrag", "saldo", "anzahl");
    assertThat(m.columns())
        .extracting(c -> c.type())
        .containsExactly(
            FieldType.DATE, FieldType.STRING, FieldType.DECIMAL, FieldType.DECIMAL, FieldType.INT);
    assertThat(m.column("Buchungstag").orElseThrow().format()).isEqualTo("dd.MM.yyyy");
    assertThat(m.column("Anzahl").orElseThrow().nullValues()).containsExactly("NA");
    assertThat(m.target().collection()).isEqualTo("bank");
  }

  @Test
  void quotesAnyHeaderTextSafelyInYaml() {
    String csv = "\"a: \"\"b\"\"\",#c,- d\n1,2,3\n";
    MappingInference.Draft d =
        MappingInference.draft(
            new MappingInference.Head(csv.getBytes(StandardCharsets.UTF_8), true), "x", "x.csv");
    assertThat(roundTrip(d).sourceColumns()).containsExactly("a: \"b\"", "#c", "- d");
  }
}
