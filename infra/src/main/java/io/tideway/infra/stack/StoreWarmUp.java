package io.tideway.infra.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.mapping.MappingCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the in-memory store's insert, index, scan and count paths once at start, over the wire, in a
 * database of its own that it drops. MongoDB is native code and answers its first file at full
 * speed; this store is a JVM, and a cold one took the first file's documents at about a tenth of
 * its warm rate while the JIT caught up, which made the store the last stage of every first file
 * (docs/BENCHMARKS.md). The stack's services start meanwhile, so the warm-up costs little wall
 * time.
 */
final class StoreWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(StoreWarmUp.class);

  /** The database the warm-up writes and drops; no Tideway mapping targets it. */
  static final String DATABASE = "tideway_store_warmup";

  /** Documents inserted: enough for the per-document paths to reach the optimising compiler. */
  static final int DOCUMENTS = 30_000;

  private static final int BATCH = 1_000;

  /** The file id of every warm-up document, which the scan and the count look for. */
  private static final String FILE_ID = "warm-up";

  private StoreWarmUp() {}

  /** Warms the store on {@code port} on a daemon thread; a failure is logged and ignored. */
  static void startInBackground(int port) {
    Thread t = new Thread(() -> run(port), "store-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Runs the warm-up; the documents its count found, or -1 when it failed. */
  static long run(int port) {
    long t0 = System.nanoTime();
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=5000")) {
      MongoDatabase db = client.getDatabase(DATABASE);
      MongoCollection<BsonDocument> c = db.getCollection("documents", BsonDocument.class);
      MappingCatalog.builtIn()
          .get(MappingCatalog.DEFAULT_MAPPING)
          .indexes()
          .forEach(path -> c.createIndex(Indexes.ascending(path)));
      for (int from = 0; from < DOCUMENTS; from += BATCH) {
        List<BsonDocument> batch = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
          batch.add(document(i));
        }
        c.insertMany(batch);
      }
      long scanned = 0;
      for (BsonDocument ignored : c.find(Filters.eq("_source.file_id", FILE_ID))) {
        scanned++;
      }
      long counted = c.countDocuments(Filters.eq("_source.file_id", FILE_ID));
      db.drop();
      LOG.info(
          "store warmed up: {} documents inserted, {} scanned, {} counted, dropped, in {} ms",
          DOCUMENTS,
          scanned,
          counted,
          (System.nanoTime() - t0) / 1_000_000);
      return counted;
    } catch (RuntimeException e) {
      LOG.warn("store warm-up skipped: {}", e.toString());
      return -1;
    }
  }

  /** A document of the reference mapping's shape (nested documents, dates, a decimal). */
  private static BsonDocument document(int i) {
    String key = Integer.toString(i);
    long day = 1_577_836_800_000L + (i % 1_500) * 86_400_000L;
    return new BsonDocument("_id", new BsonString(DocumentId.of(List.of(FILE_ID, key))))
        .append(
            "patient",
            new BsonDocument("name", new BsonString("Warm Up " + key))
                .append("age", new BsonInt32(18 + i % 70))
                .append("gender", new BsonString(i % 2 == 0 ? "Female" : "Male"))
                .append("blood_type", new BsonString("AB+")))
        .append(
            "medical",
            new BsonDocument("condition", new BsonString("Condition " + i % 6))
                .append("medication", new BsonString("Medication " + i % 5))
                .append("test_results", new BsonString("Normal")))
        .append(
            "facility",
            new BsonDocument("doctor", new BsonString("Doctor " + i % 997))
                .append("hospital", new BsonString("Hospital " + i % 389))
                .append("insurance_provider", new BsonString("Provider " + i % 5))
                .append("room_number", new BsonInt32(100 + i % 400)))
        .append(
            "stay",
            new BsonDocument("admission_date", new BsonDateTime(day))
                .append("discharge_date", new BsonDateTime(day + 5 * 86_400_000L))
                .append("admission_type", new BsonString("Urgent"))
                .append("length_of_stay_days", new BsonInt32(5)))
        .append(
            "billing_amount",
            new BsonDecimal128(new Decimal128(new BigDecimal(i % 50_000 + ".25"))))
        .append(
            "_source",
            new BsonDocument("file_id", new BsonString(FILE_ID))
                .append("file_name", new BsonString(FILE_ID + ".csv"))
                .append("row", new BsonInt64(i + 1))
                .append("ingested_at", new BsonDateTime(day)));
  }
}
