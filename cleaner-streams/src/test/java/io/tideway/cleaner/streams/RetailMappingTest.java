package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.cleaner.support.CleanerDriver;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.mapping.Conformance;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.topics.KafkaHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** The second built-in, non-healthcare mapping runs through the same topology. */
class RetailMappingTest {

  @Test
  void retailOrdersBecomeTheirOwnDocuments() {
    MappingCatalog catalog = MappingCatalog.builtIn();
    assertThat(catalog.find("retail-orders")).isPresent();
    assertThat(catalog.find("healthcare-admissions")).isPresent();

    try (CleanerDriver driver = new CleanerDriver(catalog, new CleanerSettings())) {
      driver.pipe(Rows.envelope("r1", 1, "retail-orders", line(" ord-000123 ", "1", "")));
      driver.pipe(
          Rows.envelope("r1", 2, "retail-orders", line("ORD-000123", "2", "  many   thanks!! ")));
      driver.pipe(Rows.envelope("r1", 3, "retail-orders", line("ORD-000123", "1", "dup")));
      Map<String, String> bad = line("X-1", "0", "");
      bad.put("Country", "xx");
      driver.pipe(Rows.envelope("r1", 4, "retail-orders", bad));

      List<TestRecord<String, byte[]>> cleaned = driver.cleanedRecords();
      assertThat(cleaned).hasSize(2);
      assertThat(
              new String(
                  cleaned.get(0).headers().lastHeader(KafkaHeaders.MAPPING).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo("retail-orders");
      BsonDocument first = BsonBytes.read(cleaned.get(0).value());
      assertThat(first.keySet())
          .containsExactly(
              "_id",
              "order",
              "shipping",
              "customer",
              "item",
              "status",
              "note",
              "_source",
              "_quality");
      assertThat(first.getString("_id").getValue())
          .isEqualTo(DocumentId.of(List.of("ORD-000123", "1")));
      assertThat(first.getDocument("order").get("ordered_on"))
          .isEqualTo(new BsonDateTime(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli()));
      assertThat(first.getDocument("shipping").get("days_to_ship")).isEqualTo(new BsonInt32(3));
      assertThat(first.getDocument("customer"))
          .isEqualTo(
              new BsonDocument("name", new BsonString("Ian McEwan"))
                  .append("country", new BsonString("GB")));
      assertThat(first.getDocument("item").get("unit_price").asDecimal128().getValue().toString())
          .isEqualTo("0.00");
      assertThat(first.get("note")).isEqualTo(BsonNull.VALUE);
      assertThat(first.getArray("_quality"))
          .containsExactly(new BsonString("item.unit_price.free"));
      BsonDocument second = BsonBytes.read(cleaned.get(1).value());
      assertThat(second.getString("note").getValue()).isEqualTo("many thanks");
      // Both documents have the shape the verifier checks stored retail orders against.
      Conformance shape = DocumentShape.of(catalog.get("retail-orders")).check();
      shape.add(first);
      shape.add(second);
      assertThat(shape.problems()).isEmpty();
      assertThat(shape.checked()).isEqualTo(2);

      assertThat(driver.duplicates.readValue().firstRow()).isEqualTo(1);
      assertThat(driver.rejected.readValue().reasons())
          .extracting(RejectedRow.Reason::rule)
          .containsExactly("order.id.format", "order.line.min", "enum");
      CleanStats stats = driver.latestStats().get(CleanStats.key("r1", 0));
      assertThat(stats)
          .extracting(CleanStats::cleaned, CleanStats::duplicates, CleanStats::rejected)
          .containsExactly(2L, 1L, 1L);
      assertThat(stats.warnings()).containsEntry("item.unit_price.free", 2L);
    }
  }

  private static Map<String, String> line(String orderId, String line, String note) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("Order ID", orderId);
    v.put("Line", line);
    v.put("Ordered On", "01.03.2026");
    v.put("Shipped On", "04.03.2026");
    v.put("Customer", "ian   MCEWAN");
    v.put("Country", " gb");
    v.put("SKU", "sku-1");
    v.put("Quantity", "2");
    v.put("Unit Price", "0.00");
    v.put("Status", "SHIPPED");
    v.put("Note", note);
    return v;
  }
}
