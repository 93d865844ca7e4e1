package io.tideway.contracts.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RawBlockSerdeTest {

  private static final Instant AT = Instant.parse("2026-11-25T16:00:00.123Z");
  private final RawBlockSerde serde = new RawBlockSerde();

  private RawBlock roundTrip(RawBlock b) {
    return serde.deserialize("t.raw", serde.serialize("t.raw", b));
  }

  private static RawRow row(long n, String... values) {
    return RawRow.row("f1", n, n + 1, List.of(values), null, AT);
  }

  @Test
  void aBlockOfRowsRoundTripsInOrderAsSchema3() {
    RawBlock block =
        new RawBlock(
            List.of(
                row(1, "Zoë \uD83D\uDE00 Ünal", ""),
                RawRow.row(
                    "f1",
                    4,
                    7,
                    List.of("x"),
                    new RowError("csv.field_count", "line 7: expected 2 fields but found 1"),
                    AT),
                row(9, "a", "b")));
    byte[] bytes = serde.serialize("t.raw", block);
    assertThat(bytes[0]).isEqualTo((byte) RawBlockSerde.SCHEMA);
    assertThat(roundTrip(block)).isEqualTo(block);
  }

  @Test
  void aBlockCostsFarLessThanItsRowsAlone() {
    List<RawRow> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      rows.add(row(i, "bobby JacksOn", "30", "Male", "B-", "Cancer", "2024-01-31"));
    }
    RawRowSerde single = new RawRowSerde();
    int alone = rows.stream().mapToInt(r -> single.serialize("t.raw", r).length).sum();
    int together = serde.serialize("t.raw", new RawBlock(rows)).length;
    // File id, time and the header-only fields once per block instead of once per row.
    assertThat(together).isLessThan(alone * 4 / 5);
  }

  @Test
  void aHeaderAndASelfDescribedRowTravelAloneAsSchema2AndSchema2And1RecordsReadAsBlocksOfOne() {
    RawRow header =
        RawRow.header("f1", "a.csv", "healthcare-admissions", 2, List.of("Name", "Age"), AT);
    byte[] bytes = serde.serialize("t.raw", RawBlock.of(header));
    assertThat(bytes[0]).isEqualTo((byte) RawRow.SCHEMA);
    assertThat(roundTrip(RawBlock.of(header)).header()).isEqualTo(header);

    RawRow oldRow = row(3, "a");
    byte[] schema2 = new RawRowSerde().serialize("t.raw", oldRow);
    assertThat(serde.deserialize("t.raw", schema2).rows()).containsExactly(oldRow);

    byte[] schema1 =
        "{\"schema\":1,\"file_id\":\"f0\",\"file_name\":\"old.csv\",\"row\":3,\"line\":4,\"values\":{\"Name\":\"Anna\"}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RawRow selfDescribed = serde.deserialize("t.raw", schema1).rows().get(0);
    assertThat(selfDescribed.columns()).containsExactly("Name");
    assertThat(roundTrip(RawBlock.of(selfDescribed)).rows().get(0))
        .usingRecursiveComparison()
        .ignoringFields("schema")
        .isEqualTo(selfDescribed);
  }

  @Test
  void anotherSchemaIsRefusedNamingTheTopicAndTheSchemasThisVersionReads() {
    assertThatThrownBy(() -> serde.deserialize("tideway.raw", new byte[] {4, 2, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tideway.raw")
        .hasMessageContaining("schema 4")
        .hasMessageContaining("reads schemas 1 (JSON), 2 and 3 (binary)");
  }

  @Test
  void aTruncatedBlockIsRefusedNotMisread() {
    byte[] whole = serde.serialize("t.raw", new RawBlock(List.of(row(1, "a"), row(2, "b"))));
    byte[] cut = Arrays.copyOf(whole, whole.length - 2);
    assertThatThrownBy(() -> serde.deserialize("tideway.raw", cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tideway.raw")
        .hasMessageContaining("schema 3");
  }

  @Test
  void aBlockHoldsOneFileAndNoHeaderAmongRows() {
    assertThatThrownBy(
            () ->
                new RawBlock(List.of(row(1, "a"), RawRow.row("f2", 2, 3, List.of("b"), null, AT))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RawBlock(
                    List.of(RawRow.header("f1", "a.csv", "m", List.of("A"), AT), row(1, "a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RawBlock(Collections.emptyList()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tombstonesStayNull() {
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }
}
