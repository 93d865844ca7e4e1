package io.tideway.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.loader.receipt.ReceiptPublisher;
import io.tideway.loader.support.AckLosingKafkaClients;
import io.tideway.loader.support.CleanedDocs;
import io.tideway.loader.support.TcpProxy;
import io.tideway.loader.support.TopicReader;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import io.tideway.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader against a real broker and a MongoDB-compatible server: receipts, duplicates, refusals,
 * outages.
 */
class LoaderIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** How long MongoDB stays unreachable in the outage test (issue #5: 30 s). */
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private static final AtomicInteger RUN = new AtomicInteger();
  private static EmbeddedKafka kafka;

  private EmbeddedMongo mongo;
  private MongoClient client;
  private String prefix;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void setUp() {
    mongo = EmbeddedMongo.start();
    client = MongoClients.create(mongo.uri());
    prefix = "it" + RUN.incrementAndGet() + ".";
    kafka.createTopics(prefix, 3);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    client.close();
    mongo.close();
  }

  @Test
  void loadsDocumentsExactlyAndPublishesOneReceiptPerPartitionBatch() {
    EmbeddedServer server = startLoader(mongo.uri(), Map.of());
    List<BsonDocument> docs = docs("F1", 0, 50);
    send(docs, "F1");

    Poll.equal(WAIT, "documents stored", 50L, () -> admissions().countDocuments());
    Map<String, Long> totals = awaitReceiptTotals(50);
    assertThat(totals)
        .containsEntry("inserted", 50L)
        .containsEntry("matched", 0L)
        .containsEntry("failed", 0L);
    BsonDocument stored = admissions().find(Filters.eq("_id", docs.get(7).get("_id"))).first();
    // Types survive exactly (Decimal128, int32, date, int64 row): the stored document IS the
    // cleaned one.
    assertThat(stored).isEqualTo(docs.get(7));
    List<String> indexNames = new ArrayList<>();
    admissions().listIndexes().forEach(i -> indexNames.add(i.getString("name")));
    assertThat(indexNames)
        .contains(
            "_source.file_id_1", "patient.name_1", "medical.condition_1", "stay.admission_date_1");
    for (LoadReceipt r : receipts()) {
      assertThat(r.key())
          .isEqualTo(r.topic() + "/" + r.partition() + "/" + r.fromOffset() + "-" + r.toOffset());
      assertThat(r.toOffset()).isGreaterThanOrEqualTo(r.fromOffset());
    }
    String metrics = get(server, "/prometheus");
    assertThat(
            metrics
                .lines()
                .filter(
                    l ->
                        l.startsWith("tideway_loader_documents_total{")
                            && l.contains("outcome=\"inserted\""))
                .findFirst()
                .orElseThrow())
        .endsWith(" 50.0");
    assertThat(metrics).contains("tideway_loader_batch_latency_seconds_count");
  }

  @Test
  void replaceUpsertModelIsIdempotentAndKeepsTheFirstSource() {
    startLoader(mongo.uri(), Map.of("tideway.loader.write-model", "REPLACE_UPSERT"));
    BsonDocument fromA = CleanedDocs.doc("shared", "A", 1);
    send(List.of(fromA), "A");
    awaitReceiptTotals(1);
    send(List.of(fromA), "A");
    BsonDocument fromB = CleanedDocs.doc("shared", "B", 7);
    send(List.of(fromB, CleanedDocs.doc("only-b", "B", 8)), "B");

    awaitReceiptTotals(4);
    assertThat(fileTotals("A").inserted()).isEqualTo(2);
    assertThat(fileTotals("B").inserted()).isEqualTo(1);
    assertThat(fileTotals("B").matched()).isEqualTo(1);
    BsonDocument stored = admissions().find(Filters.eq("_id", fromA.get("_id"))).first();
    assertThat(stored).isEqualTo(fromA);
    assertThat(admissions().countDocuments()).isEqualTo(2);
  }

  @Test
  void replayedDocumentsOfTheSameFileCountAsInsertedNeverMatched() {
    startLoader(mongo.uri(), Map.of());
    List<BsonDocument> docs = docs("F1", 0, 30);
    send(docs, "F1");
    awaitReceiptTotals(30);
    send(docs, "F1");

    Map<String, Long> totals = awaitReceiptTotals(60);
    assertThat(totals).containsEntry("inserted", 60L).containsEntry("matched", 0L);
    assertThat(admissions().countDocuments()).isEqualTo(30);
  }

  @Test
  void documentAlreadyStoredByAnotherFileIsMatchedWithItsDigestAndKeepsTheFirstSource() {
    startLoader(mongo.uri(), Map.of());
    BsonDocument fromA = CleanedDocs.doc("shared", "A", 1);
    send(List.of(fromA), "A");
    awaitReceiptTotals(1);
    BsonDocument fromB = CleanedDocs.doc("shared", "B", 7);
    BsonDocument onlyB = CleanedDocs.doc("only-b", "B", 8);
    send(List.of(fromB, onlyB), "B");

    awaitReceiptTotals(3);
    LoadReceipt.FileLoad b = fileTotals("B");
    assertThat(b.inserted()).isEqualTo(1);
    assertThat(b.matched()).isEqualTo(1);
    assertThat(b.matchedDigest()).isEqualTo(ContentDigest.format(ContentDigest.hash(fromB)));
    BsonDocument stored = admissions().find(Filters.eq("_id", fromA.get("_id"))).first();
    assertThat(stored.getDocument("_source").getString("file_id").getValue()).isEqualTo("A");
    assertThat(admissions().countDocuments(Filters.eq("_source.file_id", "B"))).isEqualTo(1);
  }

  @Test
  void refusedDocumentsGoToRejectedWithTheServerErrorAndTheRestOfTheBatchIsWritten() {
    startLoader(
        mongo.uri(),
        Map.of("tideway.loader.batch-size", "100", "tideway.loader.batch-max-wait", "1s"));
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    docs("F9", 0, 5).forEach(d -> records.add(CleanedDocs.record(prefix, d, "F9")));
    BsonDocument arrayId = CleanedDocs.doc("bad", "F9", 5);
    arrayId.put("_id", new BsonArray(List.of(new BsonInt32(1))));
    records.add(CleanedDocs.record(prefix, arrayId, "F9"));
    records.add(CleanedDocs.raw(prefix, "broken", "{\"_id\": \"x\", \"patient\": ", "F9"));
    docs("F9", 6, 5).forEach(d -> records.add(CleanedDocs.record(prefix, d, "F9")));
    CleanedDocs.send(kafka.bootstrapServers(), records);

    Map<String, Long> totals = awaitReceiptTotals(12);
    assertThat(totals).containsEntry("inserted", 10L).containsEntry("failed", 2L);
    assertThat(admissions().countDocuments()).isEqualTo(10);
    try (TopicReader<RejectedRow> reader =
        new TopicReader<>(
            kafka.bootstrapServers(),
            Topics.REJECTED.name(prefix),
            v -> Json.fromBytes(v, RejectedRow.class))) {
      Poll.equal(WAIT, "rejected rows", 2, () -> reader.all().size());
      List<RejectedRow> rejected = reader.all();
      assertThat(rejected)
          .allSatisfy(
              r -> {
                assertThat(r.stage()).isEqualTo(RejectedRow.Stage.LOADER);
                assertThat(r.fileId()).isEqualTo("F9");
                assertThat(r.reasons().get(0).message())
                    .startsWith("v=1, ")
                    .doesNotContain("\tat ");
              });
      assertThat(rejected)
          .extracting(r -> r.reasons().get(0).rule())
          .containsExactlyInAnyOrder("mongodb.write_error", "loader.invalid_bson");
      RejectedRow serverRefusal =
          rejected.stream()
              .filter(r -> r.reasons().get(0).rule().equals("mongodb.write_error"))
              .findFirst()
              .orElseThrow();
      assertThat(serverRefusal.row()).isEqualTo(5);
      assertThat(serverRefusal.reasons().get(0).message()).contains("code=").contains("_id");
    }
  }

  @Test
  void mongoOutageDegradesHealthPausesAndLosesOrDoublesNothing() throws Exception {
    TcpProxy proxy = proxyToMongo();
    EmbeddedServer server =
        startLoader(
            proxyUri(proxy),
            Map.of(
                "tideway.loader.batch-size",
                "50",
                "tideway.loader.retry-max-backoff",
                "1s",
                "tideway.loader.server-selection-timeout",
                "1s"));
    send(docs("F1", 0, 300), "F1");
    Poll.equal(WAIT, "first batches stored", 300L, () -> admissions().countDocuments());
    Poll.equal(WAIT, "health", "UP", () -> healthStatus(server));

    proxy.stop();
    long outageEnds = System.nanoTime() + OUTAGE.toNanos();
    send(docs("F1", 300, 300), "F1");
    Poll.equal(WAIT, "health during the outage", "DEGRADED", () -> healthStatus(server));
    // For the whole outage the loader waits: still alive, still DEGRADED, nothing written or
    // skipped.
    while (System.nanoTime() < outageEnds) {
      assertThat(healthStatus(server)).isEqualTo("DEGRADED");
      assertThat(admissions().countDocuments()).isEqualTo(300L);
      Thread.sleep(500); // the outage's length is the scenario, not a synchronisation
    }
    proxy.start();

    Poll.equal(WAIT, "health after the outage", "UP", () -> healthStatus(server));
    Poll.equal(WAIT, "documents stored", 600L, () -> admissions().countDocuments());
    Map<String, Long> totals = awaitReceiptTotals(600);
    assertThat(totals)
        .containsEntry("inserted", 600L)
        .containsEntry("matched", 0L)
        .containsEntry("failed", 0L);
    assertNoOffsetCoveredTwice(receipts());
  }

  /**
   * Stopped in its back-off while MongoDB is down, with records polled after the failing batch
   * still pending: the batch handed back is read again by the next loader, and nothing polled after
   * it on its partitions is receipted first (that commit moved the group's offsets past it: 397 of
   * 400 documents stored, never to be read again).
   */
  @Test
  void aLoaderStoppedDuringAnOutageHandsBackItsBatchAndWhatWasPolledAfterIt() throws Exception {
    TcpProxy proxy = proxyToMongo();
    EmbeddedServer first =
        startLoader(
            proxyUri(proxy),
            Map.of(
                "tideway.loader.batch-size",
                "50",
                "tideway.loader.retry-initial-backoff",
                "60s",
                "tideway.loader.retry-max-backoff",
                "60s",
                "tideway.loader.server-selection-timeout",
                "10s",
                "test.max-poll-records",
                "500"));
    send(docs("F1", 0, 100), "F1");
    Poll.equal(WAIT, "first batches stored", 100L, () -> admissions().countDocuments());

    // A frozen store: the next write waits, with what its poll brought beyond it pending.
    proxy.hold();
    send(docs("F1", 100, 300), "F1");
    Poll.until(
        WAIT,
        "records pending behind the held write",
        () -> pendingRecords(first),
        pending -> pending > 0);
    proxy.stop();
    Poll.equal(WAIT, "health during the outage", "DEGRADED", () -> healthStatus(first));
    proxy.start();
    // MongoDB answers again, but the loader is in its minute of back-off: stopping it now hands
    // its batch back while the batch read after it could be written.
    first.close();

    startLoader(mongo.uri(), Map.of("tideway.loader.batch-size", "50"));
    Poll.equal(WAIT, "documents stored", 400L, () -> admissions().countDocuments());
    Map<String, Long> totals = awaitReceiptTotals(400);
    assertThat(totals)
        .containsEntry("inserted", 400L)
        .containsEntry("matched", 0L)
        .containsEntry("failed", 0L);
    assertNoOffsetCoveredTwice(receipts());
  }

  /**
   * A receipt commit that reached the broker but whose acknowledgement was lost (a commit timeout,
   * seen under a frozen store and a loaded machine) must not be re-read as if aborted: the batch is
   * committed, and receipting it again over-counted the file (OpsTruthIT: 64,974 inserted for
   * 60,000). Once: the commit is repeated. Every attempt: the producer restarts and the loader
   * re-reads from the group's committed offsets.
   */
  @ParameterizedTest(name = "{0} acknowledgement(s) lost")
  @ValueSource(ints = {1, ReceiptPublisher.COMMIT_ATTEMPTS})
  void aCommitWhoseAcknowledgementIsLostIsReceiptedExactlyOnce(int lostAcks) throws Exception {
    AckLosingKafkaClients clients = startLoaderLosingAcks(lostAcks);
    send(docs("F1", 0, 300), "F1");

    assertReceiptedExactlyOnce(clients, 300);
  }

  /**
   * The receipt transaction of one batch runs while the next batch is written. With every record
   * already in the topic when the loader starts, the next batch is always there: when that commit's
   * outcome is unknown, the batch being written beside it must be read again too, and each offset
   * is still receipted exactly once.
   */
  @Test
  void aCommitThatFailsWhileTheNextBatchIsWrittenReceiptsBothBatchesExactlyOnce() throws Exception {
    send(docs("F1", 0, 300), "F1");
    AckLosingKafkaClients clients = startLoaderLosingAcks(ReceiptPublisher.COMMIT_ATTEMPTS);

    assertReceiptedExactlyOnce(clients, 300);
  }

  /**
   * Another loader joins the group while a batch's write waits on a frozen store. The waiting
   * loader keeps polling for its next batch, so the group can rebalance meanwhile (a loader that
   * only waited would hold the whole group up until the store answered); the rebalance lands in the
   * middle of the write, whose batch is then receipted by nobody and read again by each partition's
   * owner. Every document is stored and every offset receipted exactly once, as inserted.
   */
  @Test
  void aRebalanceDuringAWriteLeavesEveryOffsetReceiptedExactlyOnce() throws Exception {
    Map<String, Object> batches =
        Map.of("tideway.loader.batch-size", "500", "tideway.loader.batch-max-wait", "1s");
    TcpProxy proxy = proxyToMongo();
    EmbeddedServer first = startLoader(proxyUri(proxy), batches);
    send(docs("F1", 0, 100), "F1");
    Poll.equal(WAIT, "first batch stored", 100L, () -> admissions().countDocuments());

    proxy.hold();
    send(docs("F1", 100, 300), "F1");
    Poll.until(WAIT, "records read", () -> pendingRecords(first), pending -> pending > 0);
    Poll.until(
        WAIT, "the batch handed to the frozen store", () -> pendingRecords(first), p -> p == 0);
    Map<String, Object> second = new HashMap<>(batches);
    second.put("tideway.loader.instance-id", prefix + "loader-1");
    startLoader(mongo.uri(), second);
    Poll.until(
        WAIT,
        "the joining loader writing its partitions",
        () -> admissions().countDocuments(),
        stored -> stored > 100);
    proxy.release();

    Poll.equal(WAIT, "documents stored", 400L, () -> admissions().countDocuments());
    awaitAllCommitted(prefix + "loader");
    assertNoOffsetCoveredTwice(receipts());
    assertThat(totals())
        .containsEntry("inserted", 400L)
        .containsEntry("matched", 0L)
        .containsEntry("failed", 0L);
  }

  /** A loader in batches of 50 whose next {@code lostAcks} commit acknowledgements are lost. */
  private AckLosingKafkaClients startLoaderLosingAcks(int lostAcks) {
    EmbeddedServer server =
        startLoader(
            mongo.uri(),
            Map.of("tideway.loader.batch-size", "50", "test.lost-commit-acks", lostAcks));
    return server.getApplicationContext().getBean(AckLosingKafkaClients.class);
  }

  /** Every document of F1 stored, and every offset receipted once, as inserted. */
  private void assertReceiptedExactlyOnce(AckLosingKafkaClients clients, long documents)
      throws Exception {
    Poll.equal(WAIT, "documents stored", documents, () -> admissions().countDocuments());
    Poll.equal(WAIT, "the fault played out", 0, clients::acksToLose);
    awaitAllCommitted(prefix + "loader");
    assertNoOffsetCoveredTwice(receipts());
    assertThat(totals())
        .containsEntry("inserted", documents)
        .containsEntry("matched", 0L)
        .containsEntry("failed", 0L);
  }

  @Test
  void rollbackDeletesTheDocumentsOfOneFileOnlyWithTheBearerToken() throws Exception {
    EmbeddedServer server = startLoader(mongo.uri(), Map.of("tideway.admin.token", "s3cret"));
    send(docs("F1", 0, 10), "F1");
    send(docs("F2", 0, 5), "F2");
    Poll.equal(WAIT, "documents stored", 15L, () -> admissions().countDocuments());

    assertThat(delete(server, "/api/files/F1/documents", null).statusCode()).isEqualTo(401);
    assertThat(delete(server, "/api/files/F1/documents", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> ok = delete(server, "/api/files/F1/documents", "s3cret");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ok.body()).path("deleted").asLong()).isEqualTo(10);
    assertThat(admissions().countDocuments()).isEqualTo(5);

    TopicReader<FileEvent> files =
        new TopicReader<>(
            kafka.bootstrapServers(),
            Topics.FILES.name(prefix),
            b -> Json.fromBytes(b, FileEvent.class));
    closeables.add(files);
    Poll.until(WAIT, "ROLLED_BACK event", () -> !files.all().isEmpty());
    FileEvent event = files.all().get(0);
    assertThat(event.type()).isEqualTo(FileEventType.ROLLED_BACK);
    assertThat(event.fileId()).isEqualTo("F1");
    assertThat(event.rows()).isEqualTo(10);
    assertThat(event.mapping()).isEqualTo("healthcare-admissions");
    assertThat(event.fileName()).isEqualTo("F1.csv");
    assertThat(event.reason()).isEqualTo("rolled back by operator");
  }

  @Test
  void rollbackOfAnIdNobodyAnnouncedIsRefusedAndAFileWithoutDocumentsIsStillRolledBack()
      throws Exception {
    EmbeddedServer server = startLoader(mongo.uri(), Map.of("tideway.admin.token", "s3cret"));
    // A file ingest announced whose rows were all duplicates: no documents of its own.
    FileEvent discovered =
        new FileEvent(
            FileEvent.SCHEMA,
            FileEventType.DISCOVERED,
            "DUPS",
            "dups.csv",
            "healthcare-admissions",
            "file:inbox/dups.csv",
            0,
            0,
            null,
            null,
            null,
            null,
            java.time.Instant.now(),
            0);
    CleanedDocs.send(
        kafka.bootstrapServers(),
        List.of(new ProducerRecord<>(Topics.FILES.name(prefix), "DUPS", Json.toBytes(discovered))));

    HttpResponse<String> unknown = delete(server, "/api/files/NOPE/documents", "s3cret");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(unknown.body()).path("error").asText())
        .contains("unknown file id NOPE", "nothing was deleted or announced");
    // Asking again changes nothing: the refusal announced nothing that would make the id known.
    assertThat(delete(server, "/api/files/NOPE/documents", "s3cret").statusCode()).isEqualTo(404);

    HttpResponse<String> ok = delete(server, "/api/files/DUPS/documents", "s3cret");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ok.body()).path("deleted").asLong()).isZero();

    TopicReader<FileEvent> files =
        new TopicReader<>(
            kafka.bootstrapServers(),
            Topics.FILES.name(prefix),
            b -> Json.fromBytes(b, FileEvent.class));
    closeables.add(files);
    Poll.until(
        WAIT,
        "ROLLED_BACK of DUPS",
        () ->
            files.all().stream()
                .anyMatch(e -> e.type() == FileEventType.ROLLED_BACK && e.fileId().equals("DUPS")));
    assertThat(files.all()).extracting(FileEvent::fileId).doesNotContain("NOPE");
  }

  // ---------------------------------------------------------------- helpers

  private static HttpResponse<String> delete(EmbeddedServer server, String path, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).DELETE();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the group has committed every offset of the cleaned topic. */
  private void awaitAllCommitted(String group) {
    Poll.until(
        WAIT,
        "every cleaned offset committed by " + group,
        () -> {
          try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, group);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 3; p++) {
              latest.put(new TopicPartition(Topics.CLEANED.name(prefix), p), OffsetSpec.latest());
            }
            return latest.keySet().stream()
                .allMatch(
                    tp -> {
                      OffsetAndMetadata c = committed.get(tp);
                      long end = endOffset(admin, latest, tp);
                      return end == 0 || (c != null && c.offset() >= end);
                    });
          }
        },
        done -> done);
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(
      Admin admin, String group) {
    try {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    } catch (Exception e) {
      throw new IllegalStateException("committed offsets of " + group, e);
    }
  }

  private static long endOffset(
      Admin admin, Map<TopicPartition, OffsetSpec> specs, TopicPartition tp) {
    try {
      return admin.listOffsets(specs).partitionResult(tp).get().offset();
    } catch (Exception e) {
      throw new IllegalStateException("end offset of " + tp, e);
    }
  }

  /** A proxy in front of the test's MongoDB, closed after the test: its outages are ours. */
  private TcpProxy proxyToMongo() throws Exception {
    TcpProxy proxy = new TcpProxy(mongo.port()).start();
    closeables.add(proxy);
    return proxy;
  }

  private static String proxyUri(TcpProxy proxy) {
    return "mongodb://127.0.0.1:" + proxy.port();
  }

  private EmbeddedServer startLoader(String mongoUri, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("tideway.mongo.uri", mongoUri);
    props.put("tideway.topic-prefix", prefix);
    props.put("tideway.loader.group-id", prefix + "loader");
    props.put("tideway.loader.instance-id", prefix + "loader-0");
    props.put("tideway.loader.batch-max-wait", "100ms");
    props.putAll(extra);
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    closeables.add(server);
    return server;
  }

  private MongoCollection<BsonDocument> admissions() {
    return client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
  }

  private static List<BsonDocument> docs(String fileId, int firstRow, int count) {
    return IntStream.range(firstRow, firstRow + count)
        .mapToObj(i -> CleanedDocs.doc(fileId + "-" + i, fileId, i))
        .toList();
  }

  private void send(List<BsonDocument> docs, String fileId) {
    CleanedDocs.send(
        kafka.bootstrapServers(),
        docs.stream().map(d -> CleanedDocs.record(prefix, d, fileId)).toList());
  }

  private TopicReader<LoadReceipt> receiptReader;

  private List<LoadReceipt> receipts() {
    if (receiptReader == null) {
      receiptReader =
          new TopicReader<>(
              kafka.bootstrapServers(),
              Topics.LOAD_RECEIPTS.name(prefix),
              v -> Json.fromBytes(v, LoadReceipt.class));
      closeables.add(receiptReader);
    }
    return receiptReader.all();
  }

  /**
   * Waits until the receipts account for {@code documents} documents; returns
   * inserted/matched/failed sums.
   */
  private Map<String, Long> awaitReceiptTotals(long documents) {
    Poll.equal(
        WAIT,
        "documents accounted for by receipts",
        documents,
        () -> totals().values().stream().mapToLong(Long::longValue).sum());
    return totals();
  }

  private Map<String, Long> totals() {
    Map<String, Long> t = new HashMap<>(Map.of("inserted", 0L, "matched", 0L, "failed", 0L));
    for (LoadReceipt r : receipts()) {
      for (LoadReceipt.FileLoad f : r.files().values()) {
        t.merge("inserted", f.inserted(), Long::sum);
        t.merge("matched", f.matched(), Long::sum);
        t.merge("failed", f.failed(), Long::sum);
      }
    }
    return t;
  }

  private LoadReceipt.FileLoad fileTotals(String fileId) {
    long inserted = 0;
    long matched = 0;
    long failed = 0;
    String digest = ContentDigest.format(0);
    for (LoadReceipt r : receipts()) {
      LoadReceipt.FileLoad f = r.files().get(fileId);
      if (f != null) {
        inserted += f.inserted();
        matched += f.matched();
        failed += f.failed();
        digest = ContentDigest.plus(digest, f.matchedDigest());
      }
    }
    return new LoadReceipt.FileLoad(inserted, matched, failed, digest);
  }

  static void assertNoOffsetCoveredTwice(List<LoadReceipt> receipts) {
    Map<Integer, List<long[]>> byPartition = new HashMap<>();
    for (LoadReceipt r : receipts) {
      for (long[] other : byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())) {
        assertThat(r.fromOffset() > other[1] || r.toOffset() < other[0])
            .as("receipt %s overlaps another", r.key())
            .isTrue();
      }
      byPartition.get(r.partition()).add(new long[] {r.fromOffset(), r.toOffset()});
    }
  }

  /** Records the loader has read and not yet handed to MongoDB. */
  private static double pendingRecords(EmbeddedServer server) {
    return server
        .getApplicationContext()
        .getBean(MeterRegistry.class)
        .get("tideway.loader.pending.records")
        .gauge()
        .value();
  }

  static String healthStatus(EmbeddedServer server) {
    try {
      return Json.MAPPER.readTree(get(server, "/health")).path("status").asText();
    } catch (Exception e) {
      return "unreadable: " + e.getMessage();
    }
  }

  static String get(EmbeddedServer server, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "unreachable: " + e.getMessage();
    }
  }
}
