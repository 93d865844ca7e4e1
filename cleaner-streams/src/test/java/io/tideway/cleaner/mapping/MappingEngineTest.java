package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.payload.RowEnvelope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class MappingEngineTest {

  private static final MappingEngine HEALTHCARE =
      MappingEngine.compile(MappingCatalog.builtIn().get("healthcare-admissions"), null);

  // ---------------------------------------------------------------- the reference document

  @Test
  void buildsTheNestedDocumentOfTheDesignInMappingOrder() {
    CleanResult r = HEALTHCARE.clean(Rows.admission("f1", 7));

    assertThat(r.isRejected()).isFalse();
    BsonDocument d = r.document();
    assertThat(d.keySet())
        .containsExactly(
            "_id",
            "patient",
            "medical",
            "facility",
            "stay",
            "billing_amount",
            "_source",
            "_quality");
    assertThat(d.getDocument("patient").keySet())
        .containsExactly("name", "age", "gender", "blood_type");
    assertThat(d.getDocument("medical").keySet())
        .containsExactly("condition", "medication", "test_results");
    assertThat(d.getDocument("facility").keySet())
        .containsExactly("doctor", "hospital", "insurance_provider", "room_number");
    assertThat(d.getDocument("stay").keySet())
        .containsExactly(
            "admission_date", "discharge_date", "admission_type", "length_of_stay_days");
    assertThat(d.getDocument("patient").get("name")).isEqualTo(new BsonString("Bobby Jackson"));
    assertThat(d.getDocument("patient").get("age")).isEqualTo(new BsonInt32(30));
    assertThat(d.get("billing_amount"))
        .isEqualTo(new BsonDecimal128(Decimal128.parse("18856.281305978155")));
    assertThat(d.getDocument("stay").get("admission_date"))
        .isEqualTo(new BsonDateTime(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli()));
    assertThat(d.getDocument("stay").get("length_of_stay_days")).isEqualTo(new BsonInt32(2));
    assertThat(d.getDocument("_source"))
        .isEqualTo(
            new BsonDocument()
                .append("file_id", new BsonString("f1"))
                .append("file_name", new BsonString("f1.csv"))
                .append("row", new BsonInt64(7))
                .append("ingested_at", new BsonDateTime(Rows.INGESTED_AT.toEpochMilli())));
    assertThat(d.getArray("_quality")).isEmpty();
  }

  @Test
  void idIsTheDocumentIdOfTheCleanedDedupKeyValuesInMappingOrder() {
    CleanResult r = HEALTHCARE.clean(Rows.admission("f1", 1, v -> v.put("Age", " 030 ")));

    List<String> key =
        List.of(
            "Bobby Jackson",
            "30",
            "Male",
            "B-",
            "Cancer",
            "Paracetamol",
            "Normal",
            "Matthew Smith",
            "Sons and Miller",
            "Blue Cross",
            "328",
            "2024-01-31",
            "2024-02-02",
            "Urgent",
            "18856.281305978155");
    assertThat(r.documentId()).isEqualTo(DocumentId.of(key));
    assertThat(r.document().getString("_id").getValue()).isEqualTo(r.documentId());
  }

  @Test
  void sameContentInDifferentFilesAndCasingGivesTheSameId() {
    CleanResult a = HEALTHCARE.clean(Rows.admission("f1", 1));
    CleanResult b =
        HEALTHCARE.clean(Rows.admission("f2", 99, v -> v.put("Name", "  BOBBY   jackson")));

    assertThat(b.documentId()).isEqualTo(a.documentId());
  }

  @Test
  void negativeAmountIsLoadedAndFlagged() {
    CleanResult r =
        HEALTHCARE.clean(
            Rows.admission("f1", 1, v -> v.put("Billing Amount", "-502.507812201664")));

    assertThat(r.isRejected()).isFalse();
    assertThat(r.warnings()).containsExactly("billing_amount.negative");
    assertThat(r.document().getArray("_quality"))
        .containsExactly(new BsonString("billing_amount.negative"));
  }

  @Test
  void warnAndRejectRulesOnTheSameColumn() {
    CleanResult minor = HEALTHCARE.clean(Rows.admission("f1", 1, v -> v.put("Age", "17")));
    CleanResult adult = HEALTHCARE.clean(Rows.admission("f1", 1, v -> v.put("Age", "18")));
    CleanResult tooOld = HEALTHCARE.clean(Rows.admission("f1", 1, v -> v.put("Age", "131")));
    CleanResult maxAge = HEALTHCARE.clean(Rows.admission("f1", 1, v -> v.put("Age", "130")));

    assertThat(minor.warnings()).containsExactly("patient.age.minor");
    assertThat(adult.warnings()).isEmpty();
    assertThat(tooOld.reasons())
        .extracting(Reason::rule)
        .containsExactly("patient.age.out_of_range");
    assertThat(maxAge.isRejected()).isFalse();
  }

  @Test
  void optionalEmptyValueIsStoredAsNullAndDerivedFieldToo() {
    CleanResult r =
        HEALTHCARE.clean(
            Rows.admission(
                "f1",
                1,
                v -> {
                  v.put("Discharge Date", "  ");
                  v.remove("Medication");
                }));

    assertThat(r.isRejected()).isFalse();
    assertThat(r.document().getDocument("stay").get("discharge_date")).isEqualTo(BsonNull.VALUE);
    assertThat(r.document().getDocument("stay").get("length_of_stay_days"))
        .isEqualTo(BsonNull.VALUE);
    assertThat(r.document().getDocument("medical").get("medication")).isEqualTo(BsonNull.VALUE);
  }

  @Test
  void keepsEveryReasonWithFieldRuleAndRawValue() {
    CleanResult r =
        HEALTHCARE.clean(
            Rows.admission(
                "f1",
                1,
                v -> {
                  v.put("Name", "   ");
                  v.put("Age", "thirty");
                  v.put("Gender", "unknown");
                  v.put("Date of Admission", "2024-02-30");
                  v.put("Billing Amount", "12,50");
                  v.put("Room Number", "0");
                  v.remove("Blood Type");
                }));

    assertThat(r.isRejected()).isTrue();
    assertThat(r.reasons())
        .extracting(Reason::field, Reason::rule, Reason::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Name", "required", "   "),
            org.assertj.core.groups.Tuple.tuple("Age", "int", "thirty"),
            org.assertj.core.groups.Tuple.tuple("Gender", "enum", "unknown"),
            org.assertj.core.groups.Tuple.tuple("Blood Type", "required", null),
            org.assertj.core.groups.Tuple.tuple(
                "Room Number", "facility.room_number.out_of_range", "0"),
            org.assertj.core.groups.Tuple.tuple("Date of Admission", "date", "2024-02-30"),
            org.assertj.core.groups.Tuple.tuple("Billing Amount", "decimal", "12,50"));
    assertThat(r.reasons()).allSatisfy(reason -> assertThat(reason.message()).isNotBlank());
  }

  @Test
  void rowErrorFromIngestIsRejected() {
    RowEnvelope bad =
        new RowEnvelope(
            1,
            "f1",
            "f1.csv",
            "healthcare-admissions",
            5,
            6,
            Map.of("Name", "x"),
            new RowEnvelope.RowError("field_count", "expected 15 fields, found 14"),
            Instant.now());

    CleanResult r = HEALTHCARE.clean(bad);

    assertThat(r.reasons())
        .containsExactly(new Reason(null, "field_count", null, "expected 15 fields, found 14"));
  }

  // ---------------------------------------------------------------- every transform, type and rule

  private static final String ALL =
      """
      name: all-features
      target: {database: t, collection: c}
      columns:
        - {source: a, target: s.trim, transforms: [trim]}
        - {source: b, target: s.collapse, transforms: [collapse_spaces]}
        - {source: c, target: s.title, transforms: [trim, title_case]}
        - {source: d, target: s.upper, transforms: [upper]}
        - {source: e, target: s.lower, transforms: [lower]}
        - {source: f, target: s.strip, transforms: [strip_trailing_punctuation]}
        - source: n
          target: n.int
          type: int
          rules:
            - {rule: min, value: "-5", severity: reject}
            - {rule: max, value: "10", severity: warn}
        - source: m
          target: n.dec
          type: decimal
          rules:
            - {rule: min, value: "0.50", severity: reject}
            - {rule: max, value: "99.99", severity: reject}
        - source: dt
          target: d.date
          type: date
          format: dd/MM/yyyy
          rules:
            - {rule: min, value: "2020-01-01", severity: reject}
            - {rule: max, value: "31/12/2024", severity: warn, code: d.future}
        - source: code
          target: code
          rules:
            - {rule: pattern, value: "[A-Z]{3}-\\\\d+", severity: reject}
        - source: note
          target: note
          rules:
            - {rule: not_blank, severity: warn}
        - {source: kind, target: kind, type: enum, values: [x, y], transforms: [lower]}
      dedup_key: [a, n]
      """;

  private static MappingEngine all() {
    return MappingEngine.compile(load(ALL), null);
  }

  private static Map<String, String> validAll() {
    Map<String, String> v = new HashMap<>();
    v.put("a", "  a  ");
    v.put("b", "b  \t b");
    v.put("c", " jOHN o'brien jr. ");
    v.put("d", "Abc");
    v.put("e", "AbC");
    v.put("f", "Hospital Inc.,; ");
    v.put("n", "-5");
    v.put("m", "0.50");
    v.put("dt", "01/01/2020");
    v.put("code", "ABC-12");
    v.put("note", "x");
    v.put("kind", "Y");
    return v;
  }

  @Test
  void appliesEveryTransform() {
    BsonDocument d = all().clean(Rows.envelope("f", 1, "all-features", validAll())).document();

    assertThat(d.getDocument("s"))
        .isEqualTo(
            BsonDocument.parse(
                "{trim: 'a', collapse: 'b b', title: \"John O'Brien Jr.\", upper: 'ABC', lower: 'abc', strip: 'Hospital Inc'}"));
    assertThat(d.get("kind")).isEqualTo(new BsonString("y"));
  }

  @Test
  void typesIntDecimalAndDateWithTheColumnFormat() {
    BsonDocument d = all().clean(Rows.envelope("f", 1, "all-features", validAll())).document();

    assertThat(d.getDocument("n").get("int")).isEqualTo(new BsonInt32(-5));
    // Decimal128 exact as written: the trailing zero stays.
    assertThat(d.getDocument("n").get("dec").asDecimal128().getValue().toString())
        .isEqualTo("0.50");
    assertThat(d.getDocument("d").get("date"))
        .isEqualTo(new BsonDateTime(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli()));
  }

  @Test
  void boundsAreInclusiveAndSeverityDecides() {
    MappingEngine e = all();
    Map<String, String> v = validAll();
    v.put("n", "11");
    v.put("dt", "01/01/2025");
    v.put("note", " ");
    CleanResult warned = e.clean(Rows.envelope("f", 1, "all-features", v));
    assertThat(warned.isRejected()).isFalse();
    assertThat(warned.warnings()).containsExactly("n.int.max", "d.future", "note.not_blank");
    assertThat(warned.document().getArray("_quality"))
        .isEqualTo(
            new BsonArray(
                List.of(
                    new BsonString("n.int.max"),
                    new BsonString("d.future"),
                    new BsonString("note.not_blank"))));

    Map<String, String> edge = validAll();
    edge.put("n", "10");
    edge.put("m", "99.99");
    edge.put("dt", "31/12/2024");
    assertThat(e.clean(Rows.envelope("f", 1, "all-features", edge)).warnings()).isEmpty();

    Map<String, String> bad = validAll();
    bad.put("n", "-6");
    bad.put("m", "0.49");
    bad.put("dt", "31/12/2019");
    bad.put("code", "abc-12");
    bad.put("kind", "z");
    CleanResult rejected = e.clean(Rows.envelope("f", 1, "all-features", bad));
    assertThat(rejected.reasons())
        .extracting(Reason::rule)
        .containsExactly("n.int.min", "n.dec.min", "d.date.min", "code.pattern", "enum");
  }

  @Test
  void unparseableValuesAreRejected() {
    Map<String, String> v = validAll();
    v.put("n", "2147483648");
    v.put("m", "1e");
    v.put("dt", "2020-01-01");
    CleanResult r = all().clean(Rows.envelope("f", 1, "all-features", v));
    assertThat(r.reasons()).extracting(Reason::rule).containsExactly("int", "decimal", "date");

    Map<String, String> farFuture = validAll();
    farFuture.put("dt", "01/01/+10000");
    farFuture.put("m", "1." + "1".repeat(40)); // more than 34 significant digits
    assertThat(all().clean(Rows.envelope("f", 1, "all-features", farFuture)).reasons())
        .extracting(Reason::rule)
        .containsExactly("decimal", "date");
  }

  @Test
  void dedupKeyDefaultsToTheDeclaredColumns() {
    CleanResult r = all().clean(Rows.envelope("f", 1, "all-features", validAll()));
    assertThat(r.documentId()).isEqualTo(DocumentId.of(List.of("a", "-5")));
  }

  // ---------------------------------------------------------------- pseudonymize

  private static final String PSEUDO =
      """
      name: pseudo
      target: {database: t, collection: c}
      columns:
        - {source: name, target: person.name, required: true, transforms: [trim, title_case, pseudonymize]}
        - {source: n, target: n, type: int}
      """;

  @Test
  void pseudonymizesWithHmacAfterTheDedupKey() throws Exception {
    MappingEngine e = MappingEngine.compile(load(PSEUDO), "secret");
    CleanResult r =
        e.clean(Rows.envelope("f", 1, "pseudo", Map.of("name", " ada LOVELACE ", "n", "1")));

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        java.util.HexFormat.of()
            .formatHex(mac.doFinal("Ada Lovelace".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.document().getDocument("person").getString("name").getValue()).isEqualTo(expected);
    assertThat(r.documentId()).isEqualTo(DocumentId.of(List.of("Ada Lovelace", "1")));
  }

  @Test
  void pseudonymizeWithoutKeyFailsAtStart() {
    assertThatThrownBy(() -> MappingEngine.compile(load(PSEUDO), null))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("TIDEWAY_PSEUDONYMIZE_KEY");
  }

  @Test
  void minOnAStringColumnFailsAtStart() {
    String bad =
        """
        name: bad
        target: {database: t, collection: c}
        columns:
          - source: a
            target: a
            rules: [{rule: min, value: "1", severity: warn}]
        """;
    assertThatThrownBy(() -> MappingEngine.compile(load(bad), null))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("int, long, decimal, date and datetime");
  }

  static Mapping load(String yaml) {
    return MappingLoader.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yaml");
  }
}
