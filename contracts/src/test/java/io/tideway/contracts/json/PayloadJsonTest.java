package io.tideway.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

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
    LoadReceipt receipt = new LoadReceipt(LoadReceipt.SCHEMA, "tideway.cleaned", 2, 10, 19,
        Map.of("f1", new LoadReceipt.FileLoad(9, 1, 0, "00000000000000ff")), Instant.parse("2026-01-01T00:00:00Z"));
    byte[] bytes = Topics.LOAD_RECEIPTS.valueSerde().serializer().serialize("t", receipt);
    String json = new String(bytes);
    assertThat(json).contains("\"schema\":1", "\"from_offset\":10", "\"matched_digest\"", "2026-01-01T00:00:00Z");
    assertThat(Topics.LOAD_RECEIPTS.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(receipt);
  }

  @Test
  void readersIgnoreFieldsAddedByNewerVersions() {
    String newer = "{\"schema\":2,\"type\":\"STARTED\",\"file_id\":\"f\",\"added_later\":true}";
    FileEvent e = Json.fromJson(newer, FileEvent.class);
    assertThat(e.type()).isEqualTo(FileEventType.STARTED);
    assertThat(e.fileId()).isEqualTo("f");
  }

  @Test
  void extendedJsonKeepsBsonTypes() {
    BsonDocument doc = BsonDocument.parse(
        "{a: {$numberInt: '1'}, b: {$numberLong: '1'}, c: {$numberDecimal: '-12.50'}, d: {$date: {$numberLong: '0'}}}");
    BsonDocument back = ExtendedJson.read(ExtendedJson.write(doc));
    assertThat(back).isEqualTo(doc);
    assertThat(back.get("a").getBsonType()).isEqualTo(BsonType.INT32);
    assertThat(back.get("b").getBsonType()).isEqualTo(BsonType.INT64);
    assertThat(back.get("c").asDecimal128().getValue().toString()).isEqualTo("-12.50");
    assertThat(back.get("d").getBsonType()).isEqualTo(BsonType.DATE_TIME);
  }
}
