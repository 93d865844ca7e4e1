package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.inbox.FileState;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.inbox.InboxFile;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.kafka.IngestPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction, checkpoint and resume logic of one file, on Kafka's MockProducer (committed history
 * only).
 */
class FileIngestorTest {

  static final String PREFIX = "t.";
  static final String HEADER =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,Hospital,"
          + "Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results";

  @TempDir Path tmp;
  WorkDir work;
  Path inbox;

  @BeforeEach
  void setUp() throws Exception {
    work = new WorkDir(tmp.resolve("work"));
    inbox = Files.createDirectories(tmp.resolve("inbox"));
  }

  @Test
  void rowsAreCommittedInTransactionsWithCheckpointsAndTheFileIsArchived() throws Exception {
    ClaimedFile file = claim(writeRows("a.csv", 12));
    MockProducer<String, byte[]> producer = producer();

    FileOutcome outcome =
        ingestor(5, () -> false).ingest(file, new IngestPublisher(producer, PREFIX));

    assertThat(outcome).isInstanceOf(FileOutcome.Completed.class);
    assertThat(rows(producer))
        .extracting(RawRow::row)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    // Rows travel in blocks, at most one per partition and transaction (5 + 5 + 2 rows: at most
    // 3 + 3 + 2 blocks), each partition's rows in file order.
    int blocks = 0;
    for (ProducerRecord<String, byte[]> r : producer.history()) {
      RawBlock block =
          r.topic().equals(Topics.RAW.name(PREFIX))
              ? Topics.RAW.valueSerde().deserializer().deserialize(r.topic(), r.value())
              : null;
      if (block != null && !block.isHeader()) {
        blocks++;
        assertThat(block.rows())
            .allMatch(row -> row.partition(RawProducers.PARTITIONS) == r.partition());
        assertThat(block.rows()).extracting(RawRow::row).isSorted();
      }
    }
    assertThat(blocks).isLessThanOrEqualTo(8);
    // The header travels first, in the STARTED transaction, once to each raw partition (each
    // cleaner task needs it); rows carry no column names and spread over the partitions.
    RawRow header = raw(producer).get(0);
    assertThat(header.isHeader()).isTrue();
    assertThat(header.columns()).startsWith("Name");
    assertThat(header.fileName()).isEqualTo("a.csv");
    assertThat(raw(producer)).filteredOn(RawRow::isHeader).hasSize(RawProducers.PARTITIONS);
    List<ProducerRecord<String, byte[]>> rawRecords =
        producer.history().stream().filter(r -> r.topic().equals(Topics.RAW.name(PREFIX))).toList();
    assertThat(rawRecords.subList(0, RawProducers.PARTITIONS))
        .extracting(ProducerRecord::partition)
        .containsExactly(0, 1, 2);
    assertThat(rawRecords.subList(RawProducers.PARTITIONS, rawRecords.size()))
        .extracting(ProducerRecord::partition)
        .as("12 distinct rows by their values")
        .contains(0, 1, 2);
    assertThat(rows(producer)).allMatch(r -> r.columns() == null && r.fileName() == null);
    assertThat(checkpointsOf(producer))
        .extracting(IngestCheckpoint::rows)
        .containsExactly(0L, 5L, 10L, 12L);
    assertThat(checkpointsOf(producer))
        .extracting(IngestCheckpoint::done)
        .containsExactly(false, false, false, true);
    assertThat(producer.commitCount()).isEqualTo(4);
    assertThat(events(producer))
        .extracting(FileEvent::type)
        .containsExactly(
            FileEventType.DISCOVERED,
            FileEventType.STARTED,
            FileEventType.PROGRESS,
            FileEventType.COMPLETED);
    assertThat(work.completedIds()).hasSize(1);
    assertThat(Files.exists(file.path())).isFalse();
  }

  @Test
  void stoppedMidFileResumesAfterTheLastCommittedRowOnly() throws Exception {
    ClaimedFile file = claim(writeRows("b.csv", 12));
    MockProducer<String, byte[]> first = producer();
    AtomicInteger polls = new AtomicInteger();
    // Stop while the third transaction (rows 11..) is open: rows 11 and 12 must not survive.
    BooleanSupplier stopAfter11 = () -> polls.incrementAndGet() > 12;

    assertThat(ingestor(5, stopAfter11).ingest(file, new IngestPublisher(first, PREFIX)))
        .isInstanceOf(FileOutcome.Stopped.class);
    assertThat(first.transactionAborted()).isTrue();
    assertThat(rows(first))
        .extracting(RawRow::row)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(Files.exists(file.path())).isTrue();

    ClaimedFile again = work.inProcessing().get(0);
    assertThat(again.manifest().fileId()).isEqualTo(rows(first).get(0).fileId());
    MockProducer<String, byte[]> second = producer();
    assertThat(restarted(first).ingest(again, new IngestPublisher(second, PREFIX)))
        .isInstanceOf(FileOutcome.Completed.class);

    List<RawRow> resumed = rows(second);
    assertThat(resumed).extracting(RawRow::row).containsExactly(11L, 12L);
    assertThat(resumed.get(0).values().get(0)).isEqualTo("Patient 11");
    // The header went out with STARTED in the first run; the resumed run sends it again to every
    // partition, ahead of its rows (the topic may have grown), and no other event than COMPLETED.
    assertThat(raw(second).subList(0, RawProducers.PARTITIONS)).allMatch(RawRow::isHeader);
    assertThat(raw(second)).filteredOn(RawRow::isHeader).hasSize(RawProducers.PARTITIONS);
    assertThat(resumed.get(0).line()).isEqualTo(12);
    assertThat(events(second)).extracting(FileEvent::type).containsExactly(FileEventType.COMPLETED);
    assertThat(events(second).get(0).rows()).isEqualTo(12);
  }

  @Test
  void fileWhoseFinalTransactionCommittedIsOnlyMoved() throws Exception {
    ClaimedFile file = claim(writeRows("c.csv", 3));
    MockProducer<String, byte[]> first = producer();
    FileIngestor ingestor = ingestor(5, () -> false);
    // Simulate the crash between the final commit and the move: run fully, then put the file back.
    ingestor.ingest(file, new IngestPublisher(first, PREFIX));
    Path archived = Files.list(work.archiveDir()).findFirst().orElseThrow();
    Path archivedFile = Files.list(archived).findFirst().orElseThrow();
    String id = archivedFile.getFileName().toString().split("_")[0];
    Files.move(archivedFile, file.path());
    work.writeManifest(
        file,
        new io.tideway.ingest.inbox.ClaimManifest(
            id, "c.csv", MappingCatalog.DEFAULT_MAPPING, "x", "s", 1, null));

    MockProducer<String, byte[]> second = producer();
    assertThat(
            restarted(first)
                .ingest(work.inProcessing().get(0), new IngestPublisher(second, PREFIX)))
        .isInstanceOf(FileOutcome.Completed.class);
    assertThat(second.history()).isEmpty();
    assertThat(Files.exists(file.path())).isFalse();
  }

  @Test
  void repeatedHeaderColumnFailsTheFileInsteadOfDroppingAColumn() throws Exception {
    Path p = Files.writeString(inbox.resolve("dup.csv"), HEADER + ",Age\r\nx\r\n");
    MockProducer<String, byte[]> producer = producer();
    assertThat(ingestor(5, () -> false).ingest(claim(p), new IngestPublisher(producer, PREFIX)))
        .isInstanceOf(FileOutcome.Failed.class);
    assertThat(rows(producer)).isEmpty();
    assertThat(events(producer))
        .extracting(FileEvent::type)
        .containsExactly(FileEventType.DISCOVERED, FileEventType.FAILED);
    assertThat(events(producer).get(1).reason()).isEqualTo("header repeats columns [Age]");
    assertThat(checkpointsOf(producer))
        .singleElement()
        .extracting(IngestCheckpoint::done)
        .isEqualTo(true);
    assertThat(work.errorDir().resolve("dup.csv.error.json"))
        .content()
        .contains("header repeats columns [Age]");
  }

  @Test
  void reDropOfAFailedFileIsProcessedAgainUnderANewId() throws Exception {
    FileIngestor ingestor = ingestor(5, () -> false);
    MockProducer<String, byte[]> first = producer();
    ingestor.ingest(
        claim(Files.writeString(inbox.resolve("p.csv"), "Name\nx\n")),
        new IngestPublisher(first, PREFIX));
    String id = events(first).get(0).fileId();

    MockProducer<String, byte[]> second = producer();
    assertThat(
            ingestor.ingest(
                claim(Files.writeString(inbox.resolve("p.csv"), "Name\nx\n")),
                new IngestPublisher(second, PREFIX)))
        .isInstanceOf(FileOutcome.Failed.class);
    assertThat(events(second)).extracting(FileEvent::fileId).containsOnly(id + "-2");
    assertThat(events(second)).extracting(FileEvent::type).contains(FileEventType.FAILED);
  }

  @Test
  void theMappingVersionOfTheClaimIsInTheHeaderAndEveryEventOfTheFile() throws Exception {
    MappingCatalog catalog = MappingCatalog.builtIn();
    String text = catalog.seedTexts().get(MappingCatalog.DEFAULT_MAPPING);
    catalog.accept(
        MappingVersion.of(MappingCatalog.DEFAULT_MAPPING, 1, text, MappingVersion.BUILT_IN));
    catalog.accept(
        MappingVersion.of(
            MappingCatalog.DEFAULT_MAPPING,
            2,
            text.replace("description: Hospital", "description: Version 2, hospital"),
            MappingVersion.APPLIED));
    FileIngestor ingestor =
        new FileIngestor(
            work,
            catalog,
            CsvFormat.RFC4180,
            5,
            10,
            ids(),
            new IngestMetrics(new SimpleMeterRegistry()),
            () -> false);
    MockProducer<String, byte[]> producer = producer();

    ingestor.ingest(claim(writeRows("v.csv", 3)), new IngestPublisher(producer, PREFIX));

    RawRow header = raw(producer).get(0);
    assertThat(header.mapping()).isEqualTo(MappingCatalog.DEFAULT_MAPPING);
    assertThat(header.mappingVersion()).isEqualTo(2);
    assertThat(events(producer))
        .extracting(FileEvent::type)
        .contains(FileEventType.STARTED, FileEventType.COMPLETED);
    assertThat(events(producer)).extracting(FileEvent::mappingVersion).containsOnly(2);
  }

  @Test
  void copiesOfOneFileTakenByTwoReplicasGetTwoIds() throws Exception {
    // Two ingest replicas: each its own work dir, checkpoints read at its start and archive, one
    // registry.
    WorkDir otherWork = new WorkDir(tmp.resolve("work-1"));
    FileIngestor other =
        new FileIngestor(
            otherWork,
            MappingCatalog.builtIn(),
            CsvFormat.RFC4180,
            5,
            10,
            ids(),
            new IngestMetrics(new SimpleMeterRegistry()),
            () -> false);
    Path copy =
        Files.createDirectories(inbox.resolve(MappingCatalog.DEFAULT_MAPPING)).resolve("twice.csv");
    Files.copy(writeRows("twice.csv", 3), copy);
    ClaimedFile mine = claim(inbox.resolve("twice.csv"));
    ClaimedFile theirs =
        otherWork
            .claim(new InboxFile(copy, MappingCatalog.DEFAULT_MAPPING, new FileState(0, 0)))
            .orElseThrow();
    MockProducer<String, byte[]> first = producer();
    MockProducer<String, byte[]> second = producer();

    ingestor(5, () -> false).ingest(mine, new IngestPublisher(first, PREFIX));
    other.ingest(theirs, new IngestPublisher(second, PREFIX));

    String id = events(first).get(0).fileId();
    assertThat(events(second)).extracting(FileEvent::fileId).containsOnly(id + "-2");
    assertThat(tmp.resolve("ids").resolve(id)).exists();
    assertThat(tmp.resolve("ids").resolve(id + "-2")).exists();
  }

  @Test
  void fileEventsNameTheOriginOfAFileFetchedFromS3AndTheInboxPathOtherwise() throws Exception {
    Path fromS3 = writeRows("s3.csv", 2);
    Files.writeString(WorkDir.originOf(fromS3), "s3://drops/exports/s3.csv\n");
    ClaimedFile claimed = claim(fromS3);
    assertThat(WorkDir.originOf(fromS3)).doesNotExist(); // moved with the claim
    MockProducer<String, byte[]> producer = producer();
    ingestor(5, () -> false).ingest(claimed, new IngestPublisher(producer, PREFIX));
    assertThat(events(producer))
        .extracting(FileEvent::source)
        .containsOnly("s3://drops/exports/s3.csv");
    assertThat(WorkDir.originOf(claimed.path())).doesNotExist();

    ClaimedFile local = claim(writeRows("local.csv", 1));
    MockProducer<String, byte[]> second = producer();
    ingestor(5, () -> false).ingest(local, new IngestPublisher(second, PREFIX));
    // An inbox drop is named by its path relative to the inbox, not the work dir it was claimed
    // into.
    assertThat(events(second))
        .extracting(FileEvent::source)
        .containsOnly("healthcare-admissions/local.csv");
  }

  @Test
  void aLinkSwappedInBetweenScanAndClaimIsRefusedUnreadAndItsTargetKept() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path target = Files.writeString(outside.resolve("private.csv"), HEADER + "\r\nsecret\r\n");
    // The scan saw a regular file; by the claim it has become a link.
    Path entry = writeRows("swapped.csv", 1);
    Files.delete(entry);
    Files.createSymbolicLink(entry, target);
    MockProducer<String, byte[]> producer = producer();

    assertThat(ingestor(5, () -> false).ingest(claim(entry), new IngestPublisher(producer, PREFIX)))
        .isInstanceOf(FileOutcome.Failed.class);

    assertThat(rows(producer)).isEmpty();
    assertThat(events(producer))
        .extracting(FileEvent::type)
        .containsExactly(FileEventType.DISCOVERED, FileEventType.FAILED);
    FileEvent failed = events(producer).get(1);
    assertThat(failed.reason())
        .contains("'swapped.csv' is a symbolic link to " + target, "never follows links");
    assertThat(failed.sha256()).isNull();
    assertThat(target).hasContent(HEADER + "\r\nsecret\r\n");
    Path refused = work.errorDir().resolve("swapped.csv");
    assertThat(Files.isSymbolicLink(refused)).isTrue();
    assertThat(Files.readSymbolicLink(refused)).isEqualTo(target);
    assertThat(work.errorDir().resolve("swapped.csv.error.json"))
        .content()
        .contains("symbolic link");
  }

  @Test
  void aLinkLeftInProcessingByACrashIsRefusedOnResume() throws Exception {
    Path target = Files.writeString(tmp.resolve("elsewhere.csv"), HEADER + "\r\n");
    Path link = Files.createSymbolicLink(inbox.resolve("left.csv"), target);
    claim(link);
    List<ClaimedFile> left = work.inProcessing();
    assertThat(left).extracting(ClaimedFile::fileName).containsExactly("left.csv");
    MockProducer<String, byte[]> producer = producer();
    assertThat(ingestor(5, () -> false).ingest(left.get(0), new IngestPublisher(producer, PREFIX)))
        .isInstanceOf(FileOutcome.Failed.class);
    assertThat(rows(producer)).isEmpty();
    assertThat(target).exists();
  }

  @Test
  void aFileStillBeingWrittenFailsInsteadOfCompletingWithPartOfItsRows() throws Exception {
    Path p = writeRows("growing.csv", 3);
    ClaimedFile file = claim(p);
    AtomicInteger polls = new AtomicInteger();
    // The writer paused longer than stable-for, then appends while ingest reads.
    BooleanSupplier writerAppends =
        () -> {
          if (polls.incrementAndGet() == 1) {
            try {
              Files.writeString(
                  file.path(),
                  "Patient 4,30,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal\r\n",
                  java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
          return false;
        };
    MockProducer<String, byte[]> producer = producer();

    assertThat(ingestor(100, writerAppends).ingest(file, new IngestPublisher(producer, PREFIX)))
        .isInstanceOf(FileOutcome.Failed.class);

    assertThat(events(producer))
        .extracting(FileEvent::type)
        .doesNotContain(FileEventType.COMPLETED)
        .endsWith(FileEventType.FAILED);
    assertThat(events(producer).get(events(producer).size() - 1).reason())
        .contains("still being written", "move them into the inbox when complete");
    assertThat(rows(producer)).as("the open transaction with the rows is aborted").isEmpty();
    assertThat(work.errorDir().resolve("growing.csv")).exists();
  }

  private FileIngestor ingestor(int txRows, BooleanSupplier stopping) {
    return new FileIngestor(
        work,
        MappingCatalog.builtIn(),
        CsvFormat.RFC4180,
        txRows,
        10,
        ids(),
        new IngestMetrics(new SimpleMeterRegistry()),
        stopping);
  }

  /**
   * A new ingestor that learnt at its start what {@code before} committed, as a restarted service
   * reads the checkpoints topic and its archive.
   */
  private FileIngestor restarted(MockProducer<String, byte[]> before) throws java.io.IOException {
    FileIngestor ingestor = ingestor(5, () -> false);
    Map<String, IngestCheckpoint> committed = new HashMap<>();
    checkpointsOf(before).forEach(c -> committed.put(c.fileId(), c));
    ingestor.resumeFrom(committed, work.completedIds());
    return ingestor;
  }

  /** The registry every ingest replica of this test's inbox shares. */
  private IdRegistry ids() {
    try {
      return new IdRegistry(tmp.resolve("ids"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ClaimedFile claim(Path p) throws Exception {
    return work.claim(new InboxFile(p, MappingCatalog.DEFAULT_MAPPING, new FileState(0, 0)))
        .orElseThrow();
  }

  private Path writeRows(String name, int n) throws Exception {
    StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
    for (int i = 1; i <= n; i++) {
      sb.append("Patient ")
          .append(i)
          .append(",30,Male,A+,\"Flu, mild\",2024-01-01,D,H,I,1.5,1,Urgent,2024-01-02,M,")
          .append("Normal\r\n");
    }
    return Files.writeString(inbox.resolve(name), sb);
  }

  private static MockProducer<String, byte[]> producer() {
    return RawProducers.mock(PREFIX);
  }

  private static <T> List<T> of(MockProducer<String, byte[]> p, String topic, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : p.history()) {
      if (r.topic().equals(topic)) {
        out.add(Json.fromBytes(r.value(), type));
      }
    }
    return out;
  }

  /** Every raw record (header and rows), decoded as the cleaner decodes them. */
  private static List<RawRow> raw(MockProducer<String, byte[]> p) {
    List<RawRow> out = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : p.history()) {
      if (r.topic().equals(Topics.RAW.name(PREFIX))) {
        out.addAll(Topics.RAW.valueSerde().deserializer().deserialize(r.topic(), r.value()).rows());
      }
    }
    return out;
  }

  /** The data rows sent, by row number: each partition gets its rows in file order, in blocks. */
  private static List<RawRow> rows(MockProducer<String, byte[]> p) {
    return raw(p).stream()
        .filter(r -> !r.isHeader())
        .sorted(java.util.Comparator.comparingLong(RawRow::row))
        .toList();
  }

  private static List<FileEvent> events(MockProducer<String, byte[]> p) {
    return of(p, Topics.FILES.name(PREFIX), FileEvent.class);
  }

  private static List<IngestCheckpoint> checkpointsOf(MockProducer<String, byte[]> p) {
    return of(p, Topics.INGEST_CHECKPOINTS.name(PREFIX), IngestCheckpoint.class);
  }
}
