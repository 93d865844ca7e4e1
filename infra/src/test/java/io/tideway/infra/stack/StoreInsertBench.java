package io.tideway.infra.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The on-disk store's insert rate alone: the driver inserts loader-shaped documents (nested, the
 * reference mapping's fields, random content-derived-looking {@code _id}s) in unordered batches of
 * 1,000 into a {@link DurableH2Backend} on a fresh file, in this JVM. Prints docs/s per tenth of
 * the load, so a rate that falls as the collection grows shows.
 *
 * <p>Usage: {@code StoreInsertBench DIR [DOCUMENTS]} (default 50,000).
 */
public final class StoreInsertBench {

  private static final int BATCH = 1000;

  private StoreInsertBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int documents = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("bench.mv"));
    DurableH2Backend backend = DurableH2Backend.open(dir.resolve("bench.mv").toString());
    // Served as the stack serves it.
    StoreServer server = StoreServer.bind(backend, "127.0.0.1", 0);
    Random random = new Random(42);
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port() + "/")) {
      MongoCollection<Document> c = client.getDatabase("tideway").getCollection("admissions");
      long t0 = System.nanoTime();
      long tenthStart = t0;
      int tenth = Math.max(BATCH, documents / 10);
      for (int n = 0; n < documents; n += BATCH) {
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = n; i < Math.min(documents, n + BATCH); i++) {
          batch.add(document(random, i));
        }
        c.insertMany(batch, new InsertManyOptions().ordered(false));
        int done = Math.min(documents, n + BATCH);
        if (done % tenth == 0 || done == documents) {
          long now = System.nanoTime();
          System.out.printf(
              "%,d documents: %.0f docs/s over the last %,d%n",
              done, tenth * 1e9 / (now - tenthStart), tenth);
          tenthStart = now;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "store insert bench: %,d documents in %.1f s = %.0f docs/s (count %d, file %,d bytes)%n",
          documents,
          seconds,
          documents / seconds,
          c.countDocuments(),
          Files.size(dir.resolve("bench.mv")));
      // CPU time as well: on a shared machine the wall clock mostly measures the other jobs.
      System.out.printf(
          "cpu %.1f s for the whole JVM (store, driver, benchmark) = %.2f ms per document%n",
          ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() / 1e3,
          ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis()
              / (double) documents);
    } finally {
      server.close();
      backend.close();
    }
  }

  /** A document of the reference mapping's shape, about 600 bytes of BSON. */
  static Document document(Random random, int row) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return new Document("_id", HexFormat.of().formatHex(id))
        .append(
            "patient",
            new Document("name", "Patient Name " + random.nextInt(100_000))
                .append("age", 18 + random.nextInt(70))
                .append("gender", random.nextBoolean() ? "Male" : "Female")
                .append("blood_type", "AB+"))
        .append(
            "medical",
            new Document("condition", "Hypertension")
                .append("medication", "Paracetamol")
                .append("test_results", "Normal"))
        .append(
            "facility",
            new Document("doctor", "Doctor Name " + random.nextInt(5000))
                .append("hospital", "Hospital " + random.nextInt(3000) + ", and Sons")
                .append("insurance_provider", "Medicare")
                .append("room_number", 100 + random.nextInt(400)))
        .append(
            "stay",
            new Document("admission_date", new Date(1_600_000_000_000L + row * 1000L))
                .append("discharge_date", new Date(1_600_900_000_000L + row * 1000L))
                .append("admission_type", "Urgent")
                .append("length_of_stay_days", random.nextInt(30)))
        .append("billing_amount", new Decimal128(BigDecimal.valueOf(random.nextInt(5_000_000), 2)))
        .append(
            "_source",
            new Document("file_id", "3f9c2a7d10b4e6a1")
                .append("file_name", "admissions-200000.csv")
                .append("row", row)
                .append("line", row + 2))
        .append("_quality", List.of());
  }
}
