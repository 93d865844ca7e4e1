package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.ExtendedJson;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.RejectedRow.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class CleanOutcomeSerdeTest {

  private static final String TOPIC = "cleaner-by-document-id-repartition";
  private final CleanOutcomeSerde serde = new CleanOutcomeSerde();
  private final BsonDocument doc =
      new BsonDocument("_id", new BsonString("d1"))
          .append("age", new BsonInt32(30))
          .append("name", new BsonString("Zoë \"quoted\" \u2028"));

  @Test
  void aDocumentTravelsAsItsBsonBytesWithItsTypedFields() {
    CleanOutcome in =
        new CleanOutcome(
            "f1",
            "a.csv",
            "healthcare-admissions",
            7,
            8,
            "d1",
            BsonBytes.write(doc),
            -42L,
            List.of("patient.age.minor"),
            List.of(),
            "ccm");
    byte[] bytes = serde.serialize(TOPIC, in);
    assertThat(bytes[0]).isEqualTo(CleanOutcomeSerde.FORMAT);
    CleanOutcome out = serde.deserialize(TOPIC, bytes);
    assertThat(out.document()).isEqualTo(in.document());
    assertThat(BsonBytes.read(out.document())).isEqualTo(doc);
    assertThat(out).usingRecursiveComparison().isEqualTo(in);
  }

  @Test
  void aRejectKeepsEveryReasonAndNulls() {
    CleanOutcome in =
        new CleanOutcome(
            "f1",
            null,
            "m",
            3,
            4,
            null,
            null,
            0L,
            List.of(),
            List.of(
                new Reason("Age", "type.int", "thirty", "Age: 'thirty' is not a whole number"),
                new Reason(null, "csv.field_count", null, "line 4: expected 15 fields")),
            "");
    CleanOutcome out = serde.deserialize(TOPIC, serde.serialize(TOPIC, in));
    assertThat(out.isRejected()).isTrue();
    assertThat(out).usingRecursiveComparison().isEqualTo(in);
  }

  @Test
  void aJsonRecordOfThePreviousVersionIsRead() {
    byte[] format1 =
        Json.toBytes(
            new CleanOutcomeSerde.Format1(
                "f1",
                "a.csv",
                "m",
                7,
                8,
                "d1",
                ExtendedJson.write(doc),
                5L,
                List.of("w"),
                List.of(),
                "cc"));
    CleanOutcome out = serde.deserialize(TOPIC, format1);
    assertThat(BsonBytes.read(out.document())).isEqualTo(doc);
    // Its hash was digest v1: recomputed, so a v3 digest never sums a v1 hash.
    assertThat(out.hash()).isEqualTo(ContentDigest.hash(doc)).isNotEqualTo(5L);
    assertThat(out.warnings()).containsExactly("w");
  }

  @Test
  void aBinaryRecordOfAnOlderDigestHasItsHashRecomputed() {
    CleanOutcome older =
        new CleanOutcome(
            "f1", "a.csv", "m", 7, 8, "d1", BsonBytes.write(doc), 5L, List.of(), List.of(), "");
    // Format 2 carried a digest v1 hash, format 3 a v2 hash: neither may join a v3 digest.
    for (byte format : new byte[] {2, 3}) {
      byte[] record = serde.serialize(TOPIC, older);
      record[0] = format;
      assertThat(serde.deserialize(TOPIC, record).hash())
          .as("format %d", format)
          .isEqualTo(ContentDigest.hash(doc));
    }
    // This version's records keep the hash they carry.
    assertThat(serde.serialize(TOPIC, older)[0])
        .isEqualTo(CleanOutcomeSerde.FORMAT)
        .isEqualTo((byte) 4);
    assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, older)).hash()).isEqualTo(5L);
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheTopicAndTheFormat() {
    assertThatThrownBy(() -> serde.deserialize(TOPIC, new byte[] {9, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("format 9");
  }

  /**
   * The layout records already in a repartition topic were written in: every field in order,
   * big-endian, strings as length and UTF-8 bytes, -1 for null.
   */
  @Test
  void theRecordHasTheDocumentedLayoutByteForByte() throws Exception {
    byte[] bson = BsonBytes.write(doc);
    CleanOutcome in =
        new CleanOutcome(
            "f1",
            null,
            "m@2",
            7,
            8,
            "d1",
            bson,
            -42L,
            List.of("w1", "wé"),
            List.of(new Reason("Age", "type.int", null, "Age: not a whole number")),
            "cc");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(expected)) {
      out.writeByte(CleanOutcomeSerde.FORMAT);
      for (String s : new String[] {"f1", null, "m@2"}) {
        writeString(out, s);
      }
      out.writeLong(7);
      out.writeLong(8);
      writeString(out, "d1");
      out.writeInt(bson.length);
      out.write(bson);
      out.writeLong(-42L);
      out.writeInt(2);
      writeString(out, "w1");
      writeString(out, "wé");
      out.writeInt(1);
      for (String s : new String[] {"Age", "type.int", null, "Age: not a whole number", "cc"}) {
        writeString(out, s);
      }
    }

    assertThat(serde.serialize(TOPIC, in)).isEqualTo(expected.toByteArray());
  }

  @Test
  void aTruncatedRecordIsRefusedNamingTheTopic() {
    byte[] whole = serde.serialize(TOPIC, outcome(BsonBytes.write(doc), List.of(), List.of()));
    for (int cut : new int[] {2, 10, whole.length - 3}) {
      assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(whole, cut)))
          .as("cut at %d", cut)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(TOPIC);
    }
  }

  @Test
  void aCorruptCountIsRefusedBeforeItAsksForMemory() {
    byte[] bson = BsonBytes.write(doc);
    byte[] whole =
        serde.serialize(
            TOPIC, outcome(bson, List.of("w"), List.of(new Reason("c", "t", "e", "v"))));
    // format, file id, file name, mapping, row, line, document id: then the document's length
    int documentLength = 1 + (4 + 2) + (4 + 5) + (4 + 1) + 8 + 8 + (4 + 2);
    int warningCount = documentLength + 4 + bson.length + 8;
    int firstWarning = warningCount + 4;
    int reasonCount = firstWarning + 4 + 1;
    for (int at : new int[] {1, documentLength, warningCount, firstWarning, reasonCount}) {
      byte[] corrupt = whole.clone();
      ByteBuffer.wrap(corrupt).putInt(at, Integer.MAX_VALUE);
      assertThatThrownBy(() -> serde.deserialize(TOPIC, corrupt))
          .as("count at %d", at)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(TOPIC)
          .hasRootCauseMessage("a count of 2147483647 runs past the record's end");
    }
  }

  /** A row of file f1 (a.csv, mapping m, row 7, line 8, id d1, hash 5) with these parts. */
  private static CleanOutcome outcome(byte[] bson, List<String> warnings, List<Reason> reasons) {
    return new CleanOutcome("f1", "a.csv", "m", 7, 8, "d1", bson, 5L, warnings, reasons, "");
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
