package io.tideway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.ingest.kafka.CheckpointReader;
import io.tideway.ingest.pipeline.TopicContents;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3's guarantee: kill -9 the ingest JVM mid-file, restart it, and a read_committed consumer
 * sees every row of the file exactly once, with the right content at the right row number.
 */
class KillRestartIT {

  static final String PREFIX = "kill.";
  static final int ROWS = 200_000;
  static final String HEADER =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,Hospital,"
          + "Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results";

  @TempDir Path tmp;

  @Test
  void killedMidFileThenRestartedDeliversEveryRowExactlyOnce() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(PREFIX, 3);
      Path inbox = Files.createDirectories(tmp.resolve("inbox"));
      Path work = tmp.resolve("work");
      Path file = generate(tmp.resolve("big.csv"));
      Map<String, String> props =
          Map.of(
              "kafka.bootstrap.servers",
              kafka.bootstrapServers(),
              "tideway.topic-prefix",
              PREFIX,
              "tideway.ingest.inbox",
              inbox.toString(),
              "tideway.ingest.work-dir",
              work.toString(),
              "tideway.ingest.scan-interval",
              "100ms",
              "tideway.ingest.stable-for",
              "200ms",
              "micronaut.server.port",
              "-1");
      Path log = Files.createDirectories(Path.of("target")).resolve("kill-restart-ingest.log");
      Files.deleteIfExists(log);

      IngestProcess first = IngestProcess.start(props, log);
      try {
        Files.move(file, inbox.resolve("big.csv"));
        // Committed rows exist, and the next transaction is (almost surely) open: kill lands
        // between.
        Poll.value(
            Duration.ofSeconds(60),
            "committed rows on raw (log:\n" + first.logTail() + ")",
            () -> committedRawEnd(kafka) > HEADER_TRANSACTION);
      } finally {
        first.kill();
      }
      assertThat(
              Files.exists(
                  work.resolve("processing")
                      .resolve(io.tideway.ingest.inbox.InboxRules.BY_HEADER)
                      .resolve("big.csv")))
          .as("the kill landed mid-file")
          .isTrue();
      IngestCheckpoint before =
          CheckpointReader.readAll(
                  KafkaClientFactory.fromEnvironment(kafka.bootstrapServers()),
                  PREFIX,
                  Duration.ofSeconds(30))
              .values()
              .iterator()
              .next();
      assertThat(before.rows()).as("rows committed before the kill").isBetween(1L, ROWS - 1L);
      assertThat(before.done()).isFalse();

      IngestProcess second = IngestProcess.start(props, log);
      try {
        Poll.value(Duration.ofSeconds(120), "archive after restart", () -> archived(work));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + second.logTail(), e);
      } finally {
        second.stop();
      }

      List<ConsumerRecord<String, RawBlock>> records =
          TopicContents.read(kafka.bootstrapServers(), Topics.RAW, PREFIX);
      List<RawRow> raw = records.stream().flatMap(r -> r.value().rows().stream()).toList();
      // The header on each of the 3 partitions at the start, and again when the file resumed.
      assertThat(raw).filteredOn(RawRow::isHeader).hasSize(2 * 3);
      for (int p = 0; p < 3; p++) {
        int partition = p;
        assertThat(records.stream().filter(r -> r.partition() == partition).findFirst())
            .as("the first record of partition %d", p)
            .hasValueSatisfying(r -> assertThat(r.value().isHeader()).isTrue());
      }
      List<RawRow> rows = raw.stream().filter(r -> !r.isHeader()).toList();
      assertThat(rows).hasSize(ROWS);
      Map<Long, Long> perRow =
          rows.stream().collect(Collectors.groupingBy(RawRow::row, Collectors.counting()));
      assertThat(perRow).hasSize(ROWS);
      assertThat(perRow.values()).allMatch(n -> n == 1);
      assertThat(perRow.keySet()).allMatch(r -> r >= 1 && r <= ROWS);
      for (RawRow r : rows) {
        long i = r.row();
        assertThat(r.values().get(0)).as("content of row %d", i).isEqualTo("Patient " + i);
        assertThat(r.line()).as("line of row %d", i).isEqualTo(i + 1 + (i - 1) / 1000);
        assertThat(r.error()).isNull();
      }

      List<FileEvent> events = TopicContents.values(kafka.bootstrapServers(), Topics.FILES, PREFIX);
      assertThat(events).filteredOn(e -> e.type() == FileEventType.STARTED).hasSize(1);
      List<FileEvent> completed =
          events.stream().filter(e -> e.type() == FileEventType.COMPLETED).toList();
      assertThat(completed).hasSize(1);
      assertThat(completed.get(0).rows()).isEqualTo(ROWS);
    }
  }

  /**
   * Offsets the first transaction takes on raw, summed over its 3 partitions: the file's header
   * record and a commit marker on each. Rows are committed once the end lies past them.
   */
  private static final long HEADER_TRANSACTION = 2 * 3;

  private static long committedRawEnd(EmbeddedKafka kafka) {
    try (Admin admin = kafka.admin()) {
      String raw = Topics.RAW.name(PREFIX);
      Map<TopicPartition, OffsetSpec> specs =
          Stream.of(0, 1, 2)
              .collect(Collectors.toMap(p -> new TopicPartition(raw, p), p -> OffsetSpec.latest()));
      return admin
          .listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get()
          .values()
          .stream()
          .mapToLong(i -> i.offset())
          .sum();
    } catch (Exception e) {
      return 0;
    }
  }

  private static boolean archived(Path work) {
    try (Stream<Path> s = Files.walk(work.resolve("archive"))) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith("_big.csv"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Row i has Name "Patient i"; every 1000th row holds a quoted line break (so lines != rows). */
  private static Path generate(Path target) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write("\r\n");
      for (int i = 1; i <= ROWS; i++) {
        String condition = i % 1000 == 0 ? "\"Flu,\r\nsevere\"" : "\"Flu, mild\"";
        w.write(
            "Patient "
                + i
                + ","
                + (i % 90)
                + ",Male,A+,"
                + condition
                + ",2024-01-01,Dr Who,\"Kim, Inc\","
                + "Medicare,"
                + (i % 5000)
                + ".25,101,Urgent,2024-01-03,Aspirin,Normal\r\n");
      }
    }
    return target;
  }
}
