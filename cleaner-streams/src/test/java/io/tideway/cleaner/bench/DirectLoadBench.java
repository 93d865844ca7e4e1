package io.tideway.cleaner.bench;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.tideway.cleaner.mapping.CleanResult;
import io.tideway.cleaner.mapping.MappingEngine;
import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.csv.CsvReader;
import io.tideway.contracts.csv.CsvRecord;
import io.tideway.contracts.csv.RowAssembler;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RawRow;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * The direct load {@code ./pipeline bench --only e2e} compares the pipeline with: what a user's own
 * script would do with the same file on the same server — parse the CSV, build each document with
 * the cleaner's own {@link MappingEngine}, {@code insertMany} in batches (unordered, duplicate keys
 * ignored), no Kafka, no proof. Prints one JSON object.
 *
 * <p>Usage: {@code DirectLoadBench CSV MONGO_URI DATABASE [WARMUP_CSV]}; the warm-up file is loaded
 * first into {@code DATABASE_warmup} so the JIT is as warm as the pipeline's services.
 */
public final class DirectLoadBench {

  /** Documents per {@code insertMany}, as in the loader's default batch. */
  private static final int BATCH = 1000;

  private DirectLoadBench() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    String uri = args[1];
    String database = args[2];
    Path warmup = args.length > 3 ? Path.of(args[3]) : null;
    Mapping mapping = MappingCatalog.builtIn().get(MappingCatalog.DEFAULT_MAPPING);
    MappingEngine engine = MappingEngine.compile(mapping, null);
    Map<String, Object> out = new LinkedHashMap<>();
    try (MongoClient client = MongoClients.create(uri)) {
      if (warmup != null) {
        MongoCollection<BsonDocument> w =
            client
                .getDatabase(database + "_warmup")
                .getCollection(mapping.target().collection(), BsonDocument.class);
        load(warmup, engine, w);
        w.drop();
      }
      MongoCollection<BsonDocument> c =
          client
              .getDatabase(database)
              .getCollection(mapping.target().collection(), BsonDocument.class);
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      long[] counts = load(csv, engine, c);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
      out.put("rows", counts[0]);
      out.put("documents", c.countDocuments());
      out.put("rejected", counts[1]);
      out.put("elapsed_ms", ms);
      out.put("rows_per_s", ms == 0 ? 0 : Math.round(counts[0] * 1000.0 / ms));
      out.put("cpu_s", cpuMs / 1000.0);
      client.getDatabase(database).drop();
    }
    System.out.println(Json.MAPPER.writeValueAsString(out));
    System.exit(0);
  }

  /** This JVM's CPU time so far (all threads, the driver's included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Returns {rows read, rows rejected by the mapping}. */
  private static long[] load(Path csv, MappingEngine engine, MongoCollection<BsonDocument> c)
      throws Exception {
    String fileId = "direct-" + csv.getFileName();
    long rows = 0;
    long rejected = 0;
    List<BsonDocument> batch = new ArrayList<>(BATCH);
    try (InputStream in = Files.newInputStream(csv);
        CsvReader reader = new CsvReader(in, CsvFormat.RFC4180)) {
      RowAssembler assembler = new RowAssembler(reader.next().fields());
      Instant now = Instant.now();
      int[] positions = engine.positions(assembler.header());
      for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
        rows++;
        RowAssembler.Row row = assembler.assemble(r);
        CleanResult result =
            engine.clean(
                RawRow.row(fileId, rows, r.line(), row.values(), row.error(), now),
                positions,
                csv.getFileName().toString());
        if (result.isRejected()) {
          rejected++;
          continue;
        }
        batch.add(result.document());
        if (batch.size() == BATCH) {
          insert(c, batch);
        }
      }
      insert(c, batch);
    }
    return new long[] {rows, rejected};
  }

  private static void insert(MongoCollection<BsonDocument> c, List<BsonDocument> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      c.insertMany(batch, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      // Exact duplicate rows share an _id: the first one stays, like the pipeline's dedup.
      if (e.getWriteErrors().stream().anyMatch(w -> w.getCode() != 11000)) {
        throw e;
      }
    }
    batch.clear();
  }
}
