package io.tideway.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.csv.CsvReader;
import io.tideway.contracts.csv.CsvRecord;
import io.tideway.contracts.csv.RowAssembler;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RawRowSerde;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.inbox.FileState;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.inbox.InboxFile;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.kafka.IngestPublisher;
import io.tideway.ingest.pipeline.FileIngestor;
import io.tideway.ingest.pipeline.FileOutcome;
import io.tideway.ingest.pipeline.IngestMetrics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures ingest on a generated admissions file (default 1,000,000 rows) and prints JSON. Without
 * arguments it measures parsing and envelope serialisation only; with a bootstrap server ({@code
 * IngestBench [rows] [bootstrap] [topic-prefix]}) it runs the real transactional ingest.
 */
public final class IngestBench {

  private static final String HEADER =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,"
          + "Hospital,Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results";

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String bootstrap = args.length > 1 ? args[1] : null;
    String prefix = args.length > 2 ? args[2] : "bench.";
    Path dir = Files.createTempDirectory("ingest-bench");
    try {
      Path file = generate(dir.resolve("bench.csv"), rows);
      long bytes = Files.size(file);
      long start = System.nanoTime();
      long counted =
          bootstrap == null ? parseOnly(file) : ingest(dir, file, bootstrap, prefix, rows);
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("mode", bootstrap == null ? "parse+serialize" : "kafka-transactional");
      result.put("rows", counted);
      result.put("bytes", bytes);
      result.put("seconds", Math.round(seconds * 1000) / 1000.0);
      result.put("rows_per_s", Math.round(counted / seconds));
      result.put("mb_per_s", Math.round(bytes / seconds / 1e6 * 10) / 10.0);
      result.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
      System.out.println(Json.toJson(result));
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static final RawRowSerde RAW = new RawRowSerde();

  private static long parseOnly(Path file) throws IOException {
    long n = 0;
    long sink = 0;
    try (InputStream in = Files.newInputStream(file);
        CsvReader reader = new CsvReader(in, CsvFormat.RFC4180)) {
      RowAssembler assembler = new RowAssembler(reader.next().fields());
      for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
        RowAssembler.Row row = assembler.assemble(r);
        n++;
        sink +=
            RAW.serialize(
                    "bench.raw",
                    RawRow.row(
                        "0123456789abcdef", n, r.line(), row.values(), row.error(), Instant.now()))
                .length;
      }
    }
    return sink > 0 ? n : 0;
  }

  private static long ingest(Path dir, Path file, String bootstrap, String prefix, long rows)
      throws IOException {
    WorkDir work = new WorkDir(dir.resolve("work"));
    FileIngestor ingestor =
        new FileIngestor(
            work,
            MappingCatalog.builtIn(),
            CsvFormat.RFC4180,
            5000,
            100_000,
            new IdRegistry(dir.resolve("ids")),
            new IngestMetrics(new SimpleMeterRegistry()),
            () -> false);
    ClaimedFile claimed =
        work.claim(new InboxFile(file, MappingCatalog.DEFAULT_MAPPING, new FileState(0, 0)))
            .orElseThrow();
    try (IngestPublisher publisher =
        IngestPublisher.connect(
            KafkaClientFactory.fromEnvironment(bootstrap),
            prefix,
            "bench-" + System.nanoTime(),
            Duration.ofSeconds(60))) {
      FileOutcome outcome = ingestor.ingest(claimed, publisher);
      if (!(outcome instanceof FileOutcome.Completed)) {
        throw new IllegalStateException("bench file ended " + outcome);
      }
    }
    return rows;
  }

  private static Path generate(Path target, int rows) throws IOException {
    List<String> conditions =
        List.of("Cancer", "Obesity", "Diabetes", "\"Asthma, severe\"", "Arthritis");
    try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write("\r\n");
      for (int i = 1; i <= rows; i++) {
        w.write(
            "Patient "
                + i
                + ","
                + (i % 90)
                + ","
                + (i % 2 == 0 ? "Male" : "Female")
                + ",A+,"
                + conditions.get(i % conditions.size())
                + ",2024-01-01,Matthew Smith,\"Sons and Miller, Inc\","
                + "Blue Cross,"
                + (i % 50_000)
                + ".28,328,Urgent,2024-02-02,Paracetamol,Normal\r\n");
      }
    }
    return target;
  }
}
