package io.tideway.loader.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.loader.support.CleanedDocs;
import io.tideway.loader.write.Namespace;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class CleanedRecordParserTest {

  private final CleanedRecordParser parser = new CleanedRecordParser(MappingCatalog.builtIn());

  @Test
  void routesADocumentToItsMappingsCollection() {
    BsonDocument doc = CleanedDocs.doc("k", "F1", 4);
    ParsedRecord parsed = parser.parse(consumed(CleanedDocs.record("t.", doc, "F1")));
    assertThat(parsed.refusal()).isNull();
    assertThat(parsed.document().namespace()).isEqualTo(new Namespace("tideway", "admissions"));
    assertThat(parsed.document().document()).isEqualTo(doc);
    assertThat(parsed.fileId()).isEqualTo("F1");
  }

  @Test
  void handsTheBsonBytesToTheDriverUnparsed() {
    ParsedRecord parsed =
        parser.parse(consumed(CleanedDocs.record("t.", CleanedDocs.doc("k", "F1", 4), "F1")));
    assertThat(parsed.document().document()).isInstanceOf(RawBsonDocument.class);
  }

  @Test
  void readsARecordOfSchema1StillInTheTopicAfterTheUpgrade() {
    BsonDocument doc = CleanedDocs.doc("k", "F1", 4);
    ParsedRecord parsed = parser.parse(consumed(CleanedDocs.schema1Record("t.", doc, "F1")));
    assertThat(parsed.refusal()).isNull();
    assertThat(parsed.document().document()).isEqualTo(doc);
  }

  @Test
  void refusesWhatIsNeitherBsonNorExtendedJsonWithAClearReason() {
    ParsedRecord parsed = parser.parse(consumed(CleanedDocs.raw("t.", "k", "{\"a\": ", "F1")));
    assertThat(parsed.document()).isNull();
    assertThat(parsed.refusal().rule()).isEqualTo("loader.invalid_bson");
    assertThat(parsed.refusal().message())
        .startsWith("v=1, value on t.cleaned is neither a BSON document (schema 2)");
    assertThat(parsed.refusal().fileId()).isEqualTo("F1");

    ParsedRecord broken = parser.parse(consumed(CleanedDocs.raw("t.", "k", "{\"a\": }", "F1")));
    assertThat(broken.refusal().rule()).isEqualTo("loader.invalid_extended_json");
    assertThat(broken.refusal().message())
        .startsWith("v=1, value of schema 1 is not valid canonical Extended JSON");
  }

  @Test
  void refusesAnUnknownMappingAndADocumentWithoutId() {
    ProducerRecord<String, byte[]> unknown =
        CleanedDocs.record("t.", CleanedDocs.doc("k", "F1", 1), "F1");
    unknown
        .headers()
        .remove(KafkaHeaders.MAPPING)
        .add(KafkaHeaders.MAPPING, "nope".getBytes(StandardCharsets.UTF_8));
    assertThat(parser.parse(consumed(unknown)).refusal().rule())
        .isEqualTo("loader.unknown_mapping");

    BsonDocument noId = CleanedDocs.doc("k", "F1", 2);
    noId.remove("_id");
    ParsedRecord parsed = parser.parse(consumed(CleanedDocs.record("t.", noId, "F1")));
    assertThat(parsed.refusal().rule()).isEqualTo("loader.missing_id");
    assertThat(parsed.refusal().row()).isEqualTo(2);
  }

  @Test
  void fallsBackToTheSourceFileIdWithoutHeader() {
    ProducerRecord<String, byte[]> r =
        CleanedDocs.record("t.", CleanedDocs.doc("k", "F7", 1), "ignored");
    r.headers().remove(KafkaHeaders.FILE_ID);
    assertThat(parser.parse(consumed(r)).fileId()).isEqualTo("F7");
  }

  private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> r) {
    ConsumerRecord<String, byte[]> c = new ConsumerRecord<>(r.topic(), 0, 42L, r.key(), r.value());
    r.headers().forEach(h -> c.headers().add(h));
    return c;
  }
}
