package io.tideway.contracts.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RawRowSerdeTest {

  private static final Instant AT = Instant.parse("2026-11-25T16:00:00.123Z");
  private final RawRowSerde serde = new RawRowSerde();

  private RawRow roundTrip(RawRow r) {
    return serde.deserialize("t.raw", serde.serialize("t.raw", r));
  }

  @Test
  void headerAndRowsRoundTrip() {
    RawRow header =
        RawRow.header("f1", "admissions.csv", "healthcare-admissions", List.of("Name", "Age"), AT);
    assertThat(roundTrip(header)).isEqualTo(header);
    RawRow row = RawRow.row("f1", 7, 9, List.of("Zoë \uD83D\uDE00 Ünal", ""), null, AT);
    assertThat(roundTrip(row)).isEqualTo(row);
    RawRow broken =
        RawRow.row("f1", 8, 10, List.of("x"), new RowError("csv.field_count", "line 10"), null);
    assertThat(roundTrip(broken)).isEqualTo(broken);
  }

  @Test
  void aHeaderCarriesItsMappingVersionAndAHeaderWithoutOneReadsAsVersionZero() {
    RawRow versioned =
        RawRow.header("f1", "a.csv", "healthcare-admissions", 7, List.of("Name"), AT);
    assertThat(roundTrip(versioned).mappingVersion()).isEqualTo(7);
    assertThat(roundTrip(versioned)).isEqualTo(versioned);
    // What the previous version wrote: the same bytes without the trailing version.
    RawRow unversioned = RawRow.header("f1", "a.csv", "healthcare-admissions", List.of("Name"), AT);
    byte[] old = serde.serialize("t", unversioned);
    assertThat(serde.serialize("t", versioned)).hasSize(old.length + 1);
    assertThat(serde.deserialize("t", old).mappingVersion()).isZero();
  }

  @Test
  void nullsAndLargeNumbersSurvive() {
    RawRow row =
        new RawRow(
            RawRow.SCHEMA,
            RawRow.Kind.ROW,
            "f",
            Long.MAX_VALUE,
            1L << 40,
            Arrays.asList("a", null, "c"),
            null,
            Instant.ofEpochMilli(0),
            null,
            null,
            null);
    assertThat(roundTrip(row)).isEqualTo(row);
  }

  @Test
  void aRowCarriesNoColumnNamesAndIsMuchSmallerThanTheJsonOfThePreviousVersion() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Medical Condition", "Cancer");
    values.put("Date of Admission", "2024-01-31");
    RowEnvelope v1 = new RowEnvelope(1, "3f9c2a7d10b4e6a1", "a.csv", "m", 1, 2, values, null, AT);
    byte[] v2 =
        serde.serialize(
            "t.raw", RawRow.row("3f9c2a7d10b4e6a1", 1, 2, List.copyOf(values.values()), null, AT));
    assertThat(new String(v2, StandardCharsets.ISO_8859_1)).doesNotContain("Medical Condition");
    assertThat(v2.length).isLessThan(Json.toBytes(v1).length / 3);
  }

  @Test
  void aJsonRowOfSchema1IsReadAsASelfDescribedRow() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Name", "Anna");
    values.put("Age", "");
    RowEnvelope v1 = new RowEnvelope(1, "f1", "a.csv", "m", 3, 4, values, null, AT);
    RawRow read = serde.deserialize("t.raw", Json.toBytes(v1));
    assertThat(read.schema()).isEqualTo(1);
    assertThat(read.isHeader()).isFalse();
    assertThat(read.columns()).containsExactly("Name", "Age");
    assertThat(read.values()).containsExactly("Anna", "");
    assertThat(read.fileName()).isEqualTo("a.csv");
    assertThat(read.mapping()).isEqualTo("m");
    assertThat(read.row()).isEqualTo(3);
    assertThat(read.ingestedAt()).isEqualTo(AT);
  }

  @Test
  void anotherSchemaIsRefusedNamingTheTopicAndTheSchema() {
    byte[] future = {3, 0, 1};
    assertThatThrownBy(() -> serde.deserialize("tideway.raw", future))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tideway.raw")
        .hasMessageContaining("schema 3")
        .hasMessageContaining("reads schemas 1 (JSON) and 2 (binary)");
  }

  @Test
  void aTruncatedRecordIsRefusedNotMisread() {
    byte[] whole = serde.serialize("t.raw", RawRow.row("f1", 1, 2, List.of("a", "b"), null, AT));
    byte[] cut = Arrays.copyOf(whole, whole.length - 2);
    assertThatThrownBy(() -> serde.deserialize("tideway.raw", cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tideway.raw");
  }

  @Test
  void tombstonesStayNull() {
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }
}
