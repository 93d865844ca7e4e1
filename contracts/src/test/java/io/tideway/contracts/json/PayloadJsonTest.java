package io.tideway.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.topics.Topics;
import java.time.Instant;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.api.Test;

class PayloadJsonTest {

  @Test
  void payloadsAreSnakeCaseWithSchemaAndRoundTripThroughTheirSerde() {
    LoadReceipt receipt =
        new LoadReceipt(
            LoadReceipt.SCHEMA,
            "tideway.cleaned",
            2,
            10,
            19,
            Map.of("f1", new LoadReceipt.FileLoad(9, 1, 0, "00000000000000ff")),
            Instant.parse("2026-01-01T00:00:00Z"));
    byte[] bytes = Topics.LOAD_RECEIPTS.valueSerde().serializer().serialize("t", receipt);
    String json = new String(bytes);
    assertThat(json)
        .contains(
            "\"schema\":3", "\"from_offset\":10", "\"matched_digest\"", "2026-01-01T00:00:00Z");
    assertThat(Topics.LOAD_RECEIPTS.valueSerde().deserializer().deserialize("t", bytes))
        .isEqualTo(receipt);
  }

  @Test
  void readersIgnoreFieldsAddedByNewerVersions() {
    String newer = "{\"schema\":2,\"type\":\"STARTED\",\"file_id\":\"f\",\"added_later\":true}";
    FileEvent e = Json.fromJson(newer, FileEvent.class);
    assertThat(e.type()).isEqualTo(FileEventType.STARTED);
    assertThat(e.fileId()).isEqualTo("f");
  }

  @Test
  void cleanStatsCarryDuplicatesOfAndOlderRecordsWithoutItStillRead() {
    CleanStats stats =
        new CleanStats(
            CleanStats.SCHEMA,
            "f2",
            "f2.csv",
            1,
            5,
            3,
            0,
            "0000000000000001",
            Map.of(),
            Instant.parse("2026-01-01T00:00:00Z"),
            Map.of("f1", 2L));
    byte[] bytes = Topics.CLEAN_STATS.valueSerde().serializer().serialize("t", stats);
    assertThat(new String(bytes)).contains("\"duplicates_of\":{\"f1\":2}");
    assertThat(Topics.CLEAN_STATS.valueSerde().deserializer().deserialize("t", bytes))
        .isEqualTo(stats);

    String older =
        "{\"schema\":1,\"file_id\":\"f2\",\"partition\":1,\"cleaned\":5,\"duplicates\":3}";
    CleanStats read = Json.fromJson(older, CleanStats.class);
    assertThat(read.duplicates()).isEqualTo(3);
    assertThat(read.duplicatesOf()).isNull();
  }

  @Test
  void extendedJsonKeepsBsonTypes() {
    BsonDocument doc =
        BsonDocument.parse(
            "{a: {$numberInt: '1'}, b: {$numberLong: '1'}, c: {$numberDecimal: '-12.50'}, d: {$date: {$numberLong: '0'}}}");
    BsonDocument back = ExtendedJson.read(ExtendedJson.write(doc));
    assertThat(back).isEqualTo(doc);
    assertThat(back.get("a").getBsonType()).isEqualTo(BsonType.INT32);
    assertThat(back.get("b").getBsonType()).isEqualTo(BsonType.INT64);
    assertThat(back.get("c").asDecimal128().getValue().toString()).isEqualTo("-12.50");
    assertThat(back.get("d").getBsonType()).isEqualTo(BsonType.DATE_TIME);
  }
}
