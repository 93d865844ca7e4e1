package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class DocumentShapeTest {

  private final DocumentShape shape =
      DocumentShape.of(MappingCatalog.builtIn().get("healthcare-admissions"));

  /** A document as the cleaner writes it for the reference mapping. */
  static BsonDocument admission(long row) {
    return new BsonDocument("_id", new BsonString("id-" + row))
        .append(
            "patient",
            new BsonDocument("name", new BsonString("Bobby Jackson"))
                .append("age", new BsonInt32(30))
                .append("gender", new BsonString("Male"))
                .append("blood_type", new BsonString("B-")))
        .append(
            "medical",
            new BsonDocument("condition", new BsonString("Cancer"))
                .append("medication", new BsonString("Paracetamol"))
                .append("test_results", BsonNull.VALUE))
        .append(
            "facility",
            new BsonDocument("doctor", new BsonString("Matthew Smith"))
                .append("hospital", new BsonString("Sons And Miller"))
                .append("insurance_provider", new BsonString("Blue Cross"))
                .append("room_number", new BsonInt32(328)))
        .append(
            "stay",
            new BsonDocument("admission_date", new BsonDateTime(1_706_140_800_000L))
                .append("discharge_date", BsonNull.VALUE)
                .append("admission_type", new BsonString("Urgent"))
                .append("length_of_stay_days", BsonNull.VALUE))
        .append("billing_amount", new BsonDecimal128(new Decimal128(new BigDecimal("18856.28"))))
        .append(
            "_source",
            new BsonDocument("file_id", new BsonString("f1")).append("row", new BsonInt64(row)));
  }

  @Test
  void listsEveryMappedDerivedAndLineageField() {
    assertThat(shape.fields())
        .extracting(DocumentShape.Field::path)
        .contains(
            "_id",
            "patient.age",
            "billing_amount",
            "stay.length_of_stay_days",
            "_source.file_id",
            "_source.row")
        .hasSize(1 + 15 + 1 + 2);
    assertThat(shape.fields())
        .filteredOn(f -> f.path().equals("patient.age"))
        .singleElement()
        .isEqualTo(new DocumentShape.Field("patient.age", org.bson.BsonType.INT32, false));
    assertThat(shape.fields())
        .filteredOn(f -> f.path().equals("stay.discharge_date"))
        .singleElement()
        .extracting(DocumentShape.Field::nullable)
        .isEqualTo(true);
  }

  @Test
  void aCleanedDocumentConformsWithNullsInOptionalFields() {
    Conformance c = shape.check();
    c.add(admission(1));
    c.add(admission(2));
    assertThat(c.checked()).isEqualTo(2);
    assertThat(c.nonConforming()).isZero();
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void namesFieldFoundTypeCountAndFirstRowButNeverTheValue() {
    Conformance c = shape.check();
    c.add(admission(1));
    for (long row = 2; row <= 4; row++) {
      BsonDocument doc = admission(row);
      doc.getDocument("patient").put("age", new BsonString("thirty-" + row));
      c.add(doc);
    }
    assertThat(c.nonConforming()).isEqualTo(3);
    assertThat(c.problems())
        .containsExactly(
            "patient.age: string in 3 documents, mapping 'healthcare-admissions' says int32 (first at row 2 of the file)");
    assertThat(String.join(" ", c.problems())).doesNotContain("thirty");
  }

  /** Rows 7-10: a field missing, null where required, two mistyped, a document flattened. */
  private static List<BsonDocument> defective() {
    BsonDocument noHospital = admission(7);
    noHospital.getDocument("facility").remove("hospital");
    BsonDocument nullName = admission(8);
    nullName.getDocument("patient").put("name", BsonNull.VALUE);
    BsonDocument doubleAmount = admission(9);
    doubleAmount.put("billing_amount", new BsonDouble(18856.28));
    doubleAmount.getDocument("stay").put("admission_date", new BsonString("2024-01-25"));
    BsonDocument flattened = admission(10);
    flattened.put("patient", new BsonString("someone"));
    return List.of(noHospital, nullName, doubleAmount, flattened);
  }

  @Test
  void reportsMissingFieldsNullInRequiredFieldsAndEachWrongType() {
    Conformance c = shape.check();
    defective().forEach(c::add);

    assertThat(c.nonConforming()).isEqualTo(4);
    assertThat(c.problems())
        .containsExactly(
            "facility.hospital: missing in 1 document, mapping 'healthcare-admissions' says string (first at row 7 of the file)",
            "patient.name: null in 1 document, mapping 'healthcare-admissions' says string (first at row 8 of the file)",
            "stay.admission_date: string in 1 document, mapping 'healthcare-admissions' says date (first at row 9 of the file)",
            "billing_amount: double in 1 document, mapping 'healthcare-admissions' says decimal128 (first at row 9 of the file)",
            "patient.name: missing in 1 document, mapping 'healthcare-admissions' says string (first at row 10 of the file)",
            "patient.age: missing in 1 document, mapping 'healthcare-admissions' says int32 (first at row 10 of the file)",
            "patient.gender: missing in 1 document, mapping 'healthcare-admissions' says string (first at row 10 of the file)",
            "patient.blood_type: missing in 1 document, mapping 'healthcare-admissions' says string (first at row 10 of the file)");
  }

  @Test
  void anOptionalFieldMayBeNullButNotMissingOrMistyped() {
    Conformance c = shape.check();
    BsonDocument noRoom = admission(3);
    noRoom.getDocument("facility").remove("room_number");
    c.add(noRoom);
    BsonDocument longRoom = admission(4);
    longRoom.getDocument("facility").put("room_number", new BsonInt64(328));
    c.add(longRoom);
    assertThat(c.problems())
        .containsExactly(
            "facility.room_number: missing in 1 document, mapping 'healthcare-admissions' says int32 or null (first at row 3 of the file)",
            "facility.room_number: int64 in 1 document, mapping 'healthcare-admissions' says int32 or null (first at row 4 of the file)");
  }

  @Test
  void aDocumentWithoutLineageIsNamedByItsId() {
    Conformance c = shape.check();
    BsonDocument doc = admission(5);
    doc.remove("_source");
    c.add(doc);
    assertThat(c.problems())
        .first()
        .asString()
        .startsWith("_source.file_id: missing in 1 document")
        .endsWith("(first _id id-5)");
  }

  @Test
  void storedDocumentsReadInOnePassAreJudgedLikeDecodedOnes() {
    // The verifier checks RawBsonDocuments from MongoDB in one pass over their bytes; every
    // defect above must come out exactly as it does for a decoded document.
    List<BsonDocument> docs = new ArrayList<>();
    docs.add(admission(1));
    docs.addAll(defective());
    BsonDocument noLineage = admission(11);
    noLineage.remove("_source");
    docs.add(noLineage);
    BsonDocument extra = admission(12);
    extra.getDocument("patient").put("nickname", new BsonDocument("x", new BsonInt32(1)));
    docs.add(extra);

    Conformance decoded = shape.check();
    Conformance raw = shape.check();
    for (BsonDocument d : docs) {
      decoded.add(d);
      raw.add(new org.bson.RawBsonDocument(d, new org.bson.codecs.BsonDocumentCodec()));
    }
    assertThat(raw.nonConforming()).isEqualTo(decoded.nonConforming()).isEqualTo(5);
    assertThat(raw.problems()).isEqualTo(decoded.problems()).hasSize(10);
  }

  @Test
  void aRepeatedKeyIsJudgedByItsFirstElementAsALookupWould() {
    // MongoDB's own documents never repeat a key, but stored bytes may; the one-pass read must
    // answer what a lookup of each path answers (RawBsonDocument.get finds the first element).
    List<RawBsonDocument> docs =
        List.of(
            // the first "patient" is a string: no patient field is there, the later one is not read
            rewritten(admission(1), "patient", new BsonString("x"), true),
            // the first "patient" lacks age and has a string gender; the second is complete
            rewritten(
                admission(2),
                "patient",
                new BsonDocument("name", new BsonString("A B")).append("gender", new BsonInt32(1)),
                true),
            // a repeated leaf: the first billing_amount is a double, the second the decimal
            rewritten(admission(3), "billing_amount", new BsonDouble(1.5), true),
            // a path through a value that is not a document
            rewritten(admission(4), "stay", new BsonInt32(7), false));
    Conformance onePass = shape.check();
    Conformance lookups = shape.check();
    for (RawBsonDocument d : docs) {
      onePass.add(d);
      lookups.add(new ByLookup(d));
    }
    assertThat(onePass.problems()).isEqualTo(lookups.problems());
    assertThat(onePass.problems())
        .anyMatch(p -> p.startsWith("patient.age: missing in 2 documents"))
        .anyMatch(p -> p.startsWith("patient.gender: int32 in 1 document"))
        .anyMatch(p -> p.startsWith("billing_amount: double in 1 document"))
        .anyMatch(p -> p.startsWith("stay.admission_date: missing in 1 document"));
    assertThat(onePass.nonConforming()).isEqualTo(4);
  }

  /**
   * {@code doc} as stored bytes with {@code key}'s value replaced, or, when {@code first}, with
   * {@code value} written under the same key before the original element.
   */
  private static RawBsonDocument rewritten(
      BsonDocument doc, String key, BsonValue value, boolean first) {
    BasicOutputBuffer out = new BasicOutputBuffer();
    BsonValueCodec codec = new BsonValueCodec();
    EncoderContext context = EncoderContext.builder().build();
    try (BsonBinaryWriter w = new BsonBinaryWriter(out)) {
      w.writeStartDocument();
      for (var e : doc.entrySet()) {
        if (e.getKey().equals(key)) {
          w.writeName(key);
          codec.encode(w, value, context);
        }
        if (!e.getKey().equals(key) || first) {
          w.writeName(e.getKey());
          codec.encode(w, e.getValue(), context);
        }
      }
      w.writeEndDocument();
    }
    return new RawBsonDocument(out.toByteArray());
  }

  /** A stored document read by one lookup per path, as a decoded document would be. */
  private static final class ByLookup extends BsonDocument {
    private final RawBsonDocument raw;

    ByLookup(RawBsonDocument raw) {
      this.raw = raw;
    }

    @Override
    public BsonValue get(Object key) {
      return raw.get(key);
    }
  }
}
