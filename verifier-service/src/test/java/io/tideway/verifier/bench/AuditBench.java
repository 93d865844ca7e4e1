package io.tideway.verifier.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.Conformance;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.testkit.BenchStore;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.mongo.MongoStoredDocuments;
import io.tideway.verifier.reconcile.StoredScan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * What one audit of a file costs against a store ({@link BenchStore}: the stack's own under {@code
 * ./pipeline bench}): the count audit, the full audit (digest and type conformance) and, as the
 * ceiling, a plain driver read of the same documents. Prints JSON. Run: {@code java -cp <test
 * classpath> io.tideway.verifier.bench.AuditBench [documents]}.
 */
public final class AuditBench {

  private static final int ROUNDS = 5;

  private AuditBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 55_500;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", n);
    DocumentShape shape =
        DocumentShape.of(MappingCatalog.builtIn().get(MappingCatalog.DEFAULT_MAPPING));
    try (BenchStore mongo = BenchStore.start();
        MongoClient client = MongoClients.create(mongo.uri())) {
      out.put("store", BenchStore.description());
      MongoCollection<BsonDocument> c =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      List<BsonDocument> docs = Fixtures.documents("audited", n);
      for (int i = 0; i < n; i += 1000) {
        c.insertMany(docs.subList(i, Math.min(n, i + 1000)));
      }
      c.insertMany(
          Fixtures.documents("other", n / 10)); // a second file the audit's filter must skip
      MongoStoredDocuments store = new MongoStoredDocuments(client);
      store.scan(
          "tideway",
          "admissions",
          "audited",
          shape,
          DigestVersion.CURRENT); // warm-up, and creates the file-id index

      double read =
          best(
              () -> {
                long count = 0;
                try (MongoCursor<BsonDocument> cursor =
                    c.find(Filters.eq("_source.file_id", "audited")).batchSize(2000).iterator()) {
                  while (cursor.hasNext()) {
                    cursor.next();
                    count++;
                  }
                }
                check(count, n);
              });
      double full =
          best(
              () -> {
                StoredScan s =
                    store.scan("tideway", "admissions", "audited", shape, DigestVersion.CURRENT);
                check(s.count(), n);
                check(s.nonConforming(), 0);
              });
      // The two CPU parts of a full audit, on documents already in memory.
      double digest =
          best(
              () -> {
                ContentDigest d = new ContentDigest();
                docs.forEach(d::add);
                check(d.count(), n);
              });
      double conformance =
          best(
              () -> {
                Conformance k = shape.check();
                docs.forEach(k::add);
                check(k.nonConforming(), 0);
              });
      double count =
          best(
              () ->
                  check(
                      store.countAll("tideway", "admissions", List.of("audited")).get("audited"),
                      n));
      out.put("plain_read_ms", round(read));
      out.put("full_audit_ms", round(full));
      out.put("full_audit_docs_per_s", round(n / (full / 1000)));
      out.put("full_audit_ratio_to_plain_read", round(full / read));
      out.put("digest_in_memory_ms", round(digest));
      out.put("conformance_in_memory_ms", round(conformance));
      out.put("count_audit_ms", round(count));
    }
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    System.exit(0);
  }

  /** The fastest of a few rounds, in milliseconds: the machine is shared and noisy. */
  private static double best(Runnable r) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e6);
    }
    return best;
  }

  private static void check(long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException("expected " + expected + " but the audit saw " + actual);
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
