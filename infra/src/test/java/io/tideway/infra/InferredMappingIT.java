package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tideway.infra.run.RunCommand;
import io.tideway.infra.run.VerifierClient;
import io.tideway.infra.stack.StackSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CSVs nobody wrote a mapping for, in the shapes real exports take, dropped into the inbox itself
 * (what {@code ./pipeline run FILE} does) on the real stack: each gets an inferred mapping, is
 * VERIFIED with typed values (checked with the driver), and the same file under another name is all
 * duplicates.
 */
class InferredMappingIT {

  private static LocalStackFixture fixture;
  private static StackSettings settings;
  private static Path state;

  @BeforeAll
  static void startStack() throws Exception {
    fixture = LocalStackFixture.start("it-inferred");
    settings = fixture.settings();
    state = fixture.state();
  }

  @AfterAll
  static void stopStack() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static Path fixture(String name) throws Exception {
    Path to = state.resolve("in").resolve(name);
    Files.createDirectories(to.getParent());
    Files.copy(
        Path.of("src/test/resources/csv").resolve(name), to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  private static ObjectNode run(List<Path> files) throws Exception {
    return new RunCommand(
            settings.inbox(),
            new VerifierClient(settings.verifierUrl()),
            Duration.ofMinutes(5),
            System.err)
        .execute(files);
  }

  @Test
  void threeUnknownExportsAreVerifiedTypedAndASecondDropUnderAnotherNameIsAllDuplicates()
      throws Exception {
    Path bank = fixture("bank-statement-de.csv");
    Path orders = fixture("us-retail-orders.csv");
    Path sensors = fixture("sensor-log.tsv");
    ObjectNode report = run(List.of(bank, orders, sensors));

    long[] rows = {60, 200, 300};
    String[] mappings = {"bank-statement-de", "us-retail-orders", "sensor-log"};
    for (int i = 0; i < 3; i++) {
      JsonNode f = report.path("files").get(i);
      assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("VERIFIED");
      assertThat(f.path("mapping").asText()).isEqualTo(mappings[i]);
      assertThat(f.path("rows_read").asLong()).isEqualTo(rows[i]);
      assertThat(f.path("cleaned").asLong()).as(f.toString()).isEqualTo(rows[i]);
      assertThat(f.path("rejected").asLong()).isZero();
      assertThat(f.path("documents_nonconforming").asLong()).isZero();
      assertThat(fixture.state().resolve("mappings").resolve(mappings[i] + ".yaml")).exists();
    }

    try (MongoClient client = MongoClients.create(settings.mongoUri())) {
      var db = client.getDatabase("tideway");
      MongoCollection<BsonDocument> statement =
          db.getCollection("bank_statement_de", BsonDocument.class);
      BsonDocument rent = statement.find(Filters.eq("_source.row", 11L)).first();
      assertThat(rent).isNotNull();
      assertThat(type(rent, "buchungstag")).isEqualTo(BsonType.DATE_TIME);
      assertThat(rent.getDateTime("buchungstag").getValue())
          .isEqualTo(Instant.parse("2024-03-06T00:00:00Z").toEpochMilli());
      assertThat(type(rent, "betrag_eur")).isEqualTo(BsonType.DECIMAL128);
      assertThat(rent.getDecimal128("betrag_eur").getValue().bigDecimalValue())
          .isEqualByComparingTo(new BigDecimal("-1234.56"));
      assertThat(type(rent, "anzahl_posten")).isEqualTo(BsonType.INT32);
      // windows-1252 decoded: umlauts, and the euro sign (0x80) in the purpose text
      assertThat(statement.countDocuments(Filters.regex("auftraggeber_empfanger", "München")))
          .isPositive();
      assertThat(statement.countDocuments(Filters.regex("verwendungszweck", "€"))).isPositive();
      assertThat(statement.countDocuments(Filters.regex("verwendungszweck", "\uFFFD"))).isZero();

      MongoCollection<BsonDocument> sales =
          db.getCollection("us_retail_orders", BsonDocument.class);
      BsonDocument first = sales.find(Filters.eq("_source.row", 1L)).first();
      assertThat(first).isNotNull();
      assertThat(first.getString("order_id").getValue()).isEqualTo("US-2023-100000");
      assertThat(first.getDateTime("order_date").getValue())
          .isEqualTo(Instant.parse("2023-01-01T00:00:00Z").toEpochMilli());
      assertThat(first.get("ship_date").isNull()).as("empty cell").isTrue();
      assertThat(first.getString("postal_code").getValue()).isEqualTo("07102");
      assertThat(type(first, "quantity")).isEqualTo(BsonType.INT32);
      assertThat(type(first, "unit_price")).isEqualTo(BsonType.DECIMAL128);
      assertThat(type(first, "returned")).isEqualTo(BsonType.BOOLEAN);
      BsonDocument quoted = sales.find(Filters.eq("_source.row", 2L)).first();
      assertThat(quoted.getString("product_name").getValue()).isEqualTo("Apple iPhone 13, 128GB");
      assertThat(sales.countDocuments(Filters.regex("product_name", "60\"$"))).isPositive();

      MongoCollection<BsonDocument> log = db.getCollection("sensor_log", BsonDocument.class);
      BsonDocument reading = log.find(Filters.eq("_source.row", 1L)).first();
      assertThat(reading.getDateTime("timestamp").getValue())
          .as("2024-03-01T00:00:00+01:00")
          .isEqualTo(Instant.parse("2024-02-29T23:00:00Z").toEpochMilli());
      assertThat(reading.get("humidity_pct").isNull()).as("NA").isTrue();
      assertThat(type(reading, "battery_mv")).isEqualTo(BsonType.INT32);
      assertThat(type(reading, "temperature_c")).isEqualTo(BsonType.DECIMAL128);
    }

    Path bankAgain = Files.copy(bank, bank.resolveSibling("Umsaetze-Maerz-Kopie.csv"));
    Path ordersAgain = Files.copy(orders, orders.resolveSibling("orders-export (1).csv"));
    Path sensorsAgain = Files.copy(sensors, sensors.resolveSibling("sensor-log-copy.tsv"));
    ObjectNode again = run(List.of(bankAgain, ordersAgain, sensorsAgain));
    for (int i = 0; i < 3; i++) {
      JsonNode f = again.path("files").get(i);
      assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("VERIFIED");
      assertThat(f.path("mapping").asText()).as("same header, same mapping").isEqualTo(mappings[i]);
      assertThat(f.path("duplicates").asLong()).as(f.toString()).isEqualTo(rows[i]);
      assertThat(f.path("cleaned").asLong()).isZero();
    }
    try (var files = Files.list(fixture.state().resolve("mappings"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".yaml"))).hasSize(3);
    }
  }

  private static BsonType type(BsonDocument d, String field) {
    BsonValue v = d.get(field);
    return v == null ? null : v.getBsonType();
  }
}
