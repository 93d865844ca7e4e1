package io.tideway.infra.stack;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tideway.contracts.mapping.MappingCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * What the verifier's audits of one file cost a store holding several files: the count audit (the
 * driver's {@code countDocuments}, an aggregation) and the full check's read of every document of
 * the file (a find, read as raw BSON as the verifier does), answered by the library's in-memory
 * store and by the local stack's as the stack serves it ({@link IndexedAggregate}, {@link
 * IndexedMemoryCollection} behind {@link StoreServer}), in this JVM, one after the other. Also
 * times the inserts that fill each store, with the indexes the reference mapping declares.
 *
 * <p>Usage: {@code StoreAuditBench [DOCUMENTS] [FILES]} (default 275,000 over 50 files).
 */
public final class StoreAuditBench {

  private static final int AUDITS = 20;

  private static final int SCANS = 5;

  private StoreAuditBench() {}

  public static void main(String[] args) {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 275_000;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    double[] library =
        measure(work -> StoreTesting.servedByLibrary(new MemoryBackend(), work), documents, files);
    double[] indexed =
        measure(work -> StoreTesting.served(new IndexedMemoryBackend(), work), documents, files);
    System.out.printf(
        Locale.ROOT,
        "{\"documents\":%d,\"files\":%d,\"audits\":%d,\"library_ms_per_audit\":%.1f,"
            + "\"indexed_ms_per_audit\":%.1f,\"library_to_indexed\":%.1f,"
            + "\"library_ms_per_scan\":%.1f,\"indexed_ms_per_scan\":%.1f,"
            + "\"library_insert_docs_per_s\":%.0f,\"indexed_insert_docs_per_s\":%.0f,"
            + "\"library_insert_store_cpu_ms\":%.0f,\"indexed_insert_store_cpu_ms\":%.0f}%n",
        documents,
        files,
        AUDITS,
        library[0],
        indexed[0],
        library[0] / indexed[0],
        library[2],
        indexed[2],
        library[1],
        indexed[1],
        library[3],
        indexed[3]);
  }

  /**
   * Milliseconds per count audit, the insert rate of the load (docs/s, indexes kept up),
   * milliseconds per read of the audited file's documents, and the store's CPU milliseconds for the
   * load.
   */
  private static double[] measure(
      Consumer<Consumer<MongoCollection<Document>>> store, int documents, int files) {
    double[] result = new double[4];
    store.accept(
        c -> {
          // The loader creates the indexes the mapping declares; each one costs every insert.
          MappingCatalog.builtIn()
              .find(MappingCatalog.DEFAULT_MAPPING)
              .orElseThrow()
              .indexes()
              .forEach(path -> c.createIndex(Indexes.ascending(path)));
          long l0 = System.nanoTime();
          long cpu0 = storeCpuNanos();
          load(c, documents, files);
          result[1] = documents / ((System.nanoTime() - l0) / 1e9);
          result[3] = (storeCpuNanos() - cpu0) / 1e6;
          String last = "file-" + (files - 1);
          long expected = documents / files + (documents % files > files - 1 ? 1 : 0);
          for (int i = 0; i < 3; i++) {
            check(c.countDocuments(Filters.eq("_source.file_id", last)), expected);
          }
          long t0 = System.nanoTime();
          for (int i = 0; i < AUDITS; i++) {
            check(c.countDocuments(Filters.eq("_source.file_id", last)), expected);
          }
          result[0] = (System.nanoTime() - t0) / 1e6 / AUDITS;
          MongoCollection<RawBsonDocument> raw = c.withDocumentClass(RawBsonDocument.class);
          check(scan(raw, last), expected);
          long s0 = System.nanoTime();
          for (int i = 0; i < SCANS; i++) {
            check(scan(raw, last), expected);
          }
          result[2] = (System.nanoTime() - s0) / 1e6 / SCANS;
        });
    return result;
  }

  /**
   * CPU time so far of the server's worker threads, which decode and run the commands: on a shared
   * machine the wall clock of the load mostly measures the other jobs and this JVM's driver.
   */
  private static long storeCpuNanos() {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("mongo-server-worker")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** Reads every document of {@code file} as the verifier's full check does; returns how many. */
  private static long scan(MongoCollection<RawBsonDocument> c, String file) {
    long n = 0;
    for (RawBsonDocument ignored : c.find(Filters.eq("_source.file_id", file)).batchSize(2000)) {
      n++;
    }
    return n;
  }

  private static void load(MongoCollection<Document> c, int documents, int files) {
    Random random = new Random(42);
    for (int n = 0; n < documents; n += 5000) {
      List<Document> batch = new ArrayList<>();
      for (int i = n; i < Math.min(documents, n + 5000); i++) {
        Document d = StoreInsertBench.document(random, i);
        d.get("_source", Document.class).put("file_id", "file-" + (i % files));
        batch.add(d);
      }
      c.insertMany(batch, new InsertManyOptions().ordered(false));
    }
  }

  private static void check(long counted, long expected) {
    if (counted != expected) {
      throw new IllegalStateException("counted " + counted + ", expected " + expected);
    }
  }
}
