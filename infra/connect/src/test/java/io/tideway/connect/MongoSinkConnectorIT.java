package io.tideway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DocumentId;
import io.tideway.contracts.json.ExtendedJson;
import io.tideway.contracts.topics.KafkaHeaders;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MongoDB Kafka sink connector, configured by {@code infra/connect/*.properties|json},
 * in a real Kafka Connect standalone worker (plugin isolation, REST API, DLQ) against a real broker
 * and mongo-java-server: it must store exactly what loader-service stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoSinkConnectorIT {

  private static final String CLEANED = Topics.CLEANED.name(Topics.DEFAULT_PREFIX);
  private static final int DOCS = Integer.getInteger("tideway.connect.docs", 1_000);
  private static final int DUPLICATES = 20;
  private static final int ABORTED = 5;
  private static final String INVALID_VALUE = "{\"_id\": \"not-closed\", \"patient\": ";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path configDir = Path.of(System.getProperty("tideway.connect.config", "."));
  private final Path pluginDir =
      Path.of(System.getProperty("tideway.connect.plugins", "target/connect-plugins"));
  private final HttpClient http = HttpClient.newHttpClient();

  /** First occurrence of every _id, as loader-service would insert it. */
  private final Map<String, BsonDocument> firstFile = new LinkedHashMap<>();

  /** The same _ids again from a later file, whose _source differs. */
  private final Map<String, BsonDocument> secondFile = new LinkedHashMap<>();

  private final List<String> abortedIds = new ArrayList<>();

  private EmbeddedKafka kafka;
  private EmbeddedMongo mongo;
  private MongoClient mongoClient;
  private Connect<StandaloneHerder> connect;
  private URI rest;
  private ClassLoader testClassLoader;

  @BeforeAll
  void startStack(@TempDir Path tmp) throws Exception {
    kafka = EmbeddedKafka.start();
    mongo = EmbeddedMongo.start();
    mongoClient = MongoClients.create(mongo.uri());
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(CLEANED, 6, (short) 1))).all().get();
    }
    Instant t0 = Instant.now();
    produceCleanedTopic();
    Instant t1 = Instant.now();
    startWorker(tmp);
    System.err.printf(
        "produced %d cleaned records in %s; Connect worker started in %s%n",
        DOCS + DUPLICATES + ABORTED + 1,
        Duration.between(t0, t1),
        Duration.between(t1, Instant.now()));
  }

  @AfterAll
  void stopStack() {
    if (connect != null) {
      connect.stop();
    }
    // The worker swaps the thread's context class loader for its plugin-delegating one.
    Thread.currentThread().setContextClassLoader(testClassLoader);
    Exit.resetExitProcedure();
    if (mongoClient != null) {
      mongoClient.close();
    }
    if (mongo != null) {
      mongo.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void insertStrategyStoresWhatLoaderServiceStores() throws Exception {
    Map<String, String> config = shippedSinkConfig();
    config.put("connection.uri", mongo.uri());
    Instant created = Instant.now();
    createConnector(config);

    MongoCollection<BsonDocument> admissions =
        mongoClient.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    String dlq = config.get("errors.deadletterqueue.topic.name");
    List<ConsumerRecord<String, String>> dead = new ArrayList<>();
    KafkaConsumer<String, String> dlqConsumer = dlqConsumer(dlq);
    try (dlqConsumer) {
      awaitTrue(
          () -> {
            dlqConsumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            return admissions.countDocuments() == DOCS && dead.size() == DUPLICATES + 1;
          },
          () ->
              "stored "
                  + admissions.countDocuments()
                  + "/"
                  + DOCS
                  + ", dead letters "
                  + dead.size()
                  + "/"
                  + (DUPLICATES + 1)
                  + ", status "
                  + status(config.get("name")));
      Duration took = Duration.between(created, Instant.now());
      System.err.printf(
          "insert sink: %d documents + %d duplicates stored/dead-lettered %s after connector creation (%.0f docs/s incl. task start)%n",
          DOCS, DUPLICATES, took, (DOCS + DUPLICATES + 1) * 1000.0 / Math.max(1, took.toMillis()));
      // Nothing more arrives: no record is written or dead-lettered twice.
      dlqConsumer.poll(Duration.ofSeconds(1)).forEach(dead::add);
    }

    assertThat(admissions.countDocuments()).isEqualTo(DOCS);
    Map<String, BsonDocument> stored = new HashMap<>();
    admissions.find().forEach(d -> stored.put(d.getString("_id").getValue(), d));
    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(firstFile.keySet());
    for (Map.Entry<String, BsonDocument> e : firstFile.entrySet()) {
      BsonDocument actual = stored.get(e.getKey());
      // Equal as BSON and byte-for-byte as Extended JSON (same field order, same types).
      assertThat(actual).isEqualTo(e.getValue());
      assertThat(ExtendedJson.write(actual)).isEqualTo(ExtendedJson.write(e.getValue()));
    }
    assertTypesPreserved(stored.values().iterator().next());
    assertThat(admissions.countDocuments(Filters.in("_id", abortedIds))).isZero();
    assertThat(admissions.countDocuments(Filters.eq("_source.file_id", "file-2"))).isZero();
    // Invariant 3 still holds: the verifier's digest over MongoDB equals the cleaner's.
    assertThat(digest(stored.values())).isEqualTo(digest(firstFile.values()));

    assertThat(dead).hasSize(DUPLICATES + 1);
    List<ConsumerRecord<String, String>> invalid =
        dead.stream().filter(r -> INVALID_VALUE.equals(r.value())).toList();
    assertThat(invalid).hasSize(1);
    assertThat(header(invalid.get(0), "__connect.errors.topic")).isEqualTo(CLEANED);
    assertThat(header(invalid.get(0), "__connect.errors.connector.name"))
        .isEqualTo(config.get("name"));
    assertThat(header(invalid.get(0), "__connect.errors.exception.class.name")).isNotBlank();
    assertThat(header(invalid.get(0), KafkaHeaders.FILE_ID)).isEqualTo("file-2");

    List<ConsumerRecord<String, String>> duplicates =
        dead.stream().filter(r -> !INVALID_VALUE.equals(r.value())).toList();
    assertThat(duplicates)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(secondFile.keySet());
    assertThat(duplicates)
        .allSatisfy(
            r -> assertThat(header(r, "__connect.errors.exception.message")).contains("E11000"));

    JsonNode status = status(config.get("name"));
    assertThat(status.at("/connector/state").asText()).isEqualTo("RUNNING");
    assertThat(status.get("tasks"))
        .allSatisfy(t -> assertThat(t.get("state").asText()).isEqualTo("RUNNING"));
  }

  @Test
  void replaceStrategyKeepsTheLastFilesSource() throws Exception {
    Map<String, String> config = shippedSinkConfig();
    config.put("name", "tideway-mongo-sink-replace");
    config.put("connection.uri", mongo.uri());
    config.put("collection", "admissions_replace");
    config.put(
        "writemodel.strategy",
        "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy");
    config.put("errors.deadletterqueue.topic.name", "tideway.connect-dlq-replace");
    createConnector(config);

    MongoCollection<BsonDocument> replaced =
        mongoClient.getDatabase("tideway").getCollection("admissions_replace", BsonDocument.class);
    List<ConsumerRecord<String, String>> dead = new ArrayList<>();
    KafkaConsumer<String, String> dlqConsumer = dlqConsumer("tideway.connect-dlq-replace");
    try (dlqConsumer) {
      awaitTrue(
          () -> {
            dlqConsumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            return replaced.countDocuments(Filters.eq("_source.file_id", "file-2")) == DUPLICATES
                && replaced.countDocuments() == DOCS
                && dead.size() == 1;
          },
          () ->
              "replaced "
                  + replaced.countDocuments(Filters.eq("_source.file_id", "file-2"))
                  + "/"
                  + DUPLICATES
                  + ", stored "
                  + replaced.countDocuments()
                  + ", dead letters "
                  + dead.size());
    }

    // Upserts are idempotent and leave no E11000 in the DLQ, but the last file wins: its _source
    // replaces the first file's, unlike loader-service.
    assertThat(dead).extracting(ConsumerRecord::value).containsExactly(INVALID_VALUE);
    for (Map.Entry<String, BsonDocument> e : secondFile.entrySet()) {
      BsonDocument actual = replaced.find(Filters.eq("_id", e.getKey())).first();
      assertThat(actual).isEqualTo(e.getValue());
      assertThat(actual).isNotEqualTo(firstFile.get(e.getKey()));
    }
    assertThat(digest(replaced.find().into(new ArrayList<>())))
        .isNotEqualTo(digest(firstFile.values()));
  }

  @Test
  void mongoOutageFailsTheTaskInsteadOfDeadLetteringRecords() throws Exception {
    String topic = "tideway.cleaned-outage";
    String dlq = "tideway.connect-dlq-outage";
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    EmbeddedMongo doomed = EmbeddedMongo.start();
    Map<String, String> config = shippedSinkConfig();
    config.put("name", "tideway-mongo-sink-outage");
    config.put("topics", topic);
    config.put("tasks.max", "1");
    config.put("connection.uri", doomed.uri() + "/?serverSelectionTimeoutMS=1500");
    config.put("errors.deadletterqueue.topic.name", dlq);
    createConnector(config);

    List<BsonDocument> before = new ArrayList<>(firstFile.values()).subList(0, 10);
    List<BsonDocument> after = new ArrayList<>(firstFile.values()).subList(10, 20);
    produceCommitted(topic, before);
    try (MongoClient client = MongoClients.create(doomed.uri())) {
      MongoCollection<BsonDocument> admissions =
          client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
      awaitTrue(
          () -> admissions.countDocuments() == before.size(),
          () -> "stored " + admissions.countDocuments() + "/" + before.size());
    }
    doomed.close();
    produceCommitted(topic, after);

    // "mongo.errors.tolerance=data": a write that fails for another reason than the document
    // (here: no server) fails the task; nothing is skipped into the DLQ.
    awaitTrue(
        () -> "FAILED".equals(status(config.get("name")).at("/tasks/0/state").asText()),
        () -> "task state " + status(config.get("name")));
    assertThat(status(config.get("name")).at("/tasks/0/trace").asText()).contains("non Data Error");
    try (Admin admin = kafka.admin()) {
      // The worker creates the DLQ topic when the task starts; it must have stayed empty.
      TopicPartition dlq0 = new TopicPartition(dlq, 0);
      assertThat(
              admin
                  .listOffsets(Map.of(dlq0, OffsetSpec.latest()))
                  .partitionResult(dlq0)
                  .get()
                  .offset())
          .isZero();
      OffsetAndMetadata committed =
          admin
              .listConsumerGroupOffsets("connect-" + config.get("name"))
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(topic, 0));
      // Offsets never move past what MongoDB acknowledged (10 records + the commit marker).
      assertThat(committed == null ? 0 : committed.offset()).isLessThanOrEqualTo(before.size() + 1);
    }
  }

  @Test
  void propertiesAndJsonConfigsAreTheSame() throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(configDir.resolve("mongo-sink.properties"))) {
      props.load(in);
    }
    Map<String, String> fromProperties = new HashMap<>();
    props.stringPropertyNames().forEach(k -> fromProperties.put(k, props.getProperty(k)));
    JsonNode json = JSON.readTree(configDir.resolve("mongo-sink.json").toFile());
    assertThat(shippedSinkConfig()).isEqualTo(fromProperties);
    assertThat(json.get("name").asText()).isEqualTo(fromProperties.get("name"));
  }

  private void assertTypesPreserved(BsonDocument doc) {
    assertThat(doc.get("_id").getBsonType()).isEqualTo(BsonType.STRING);
    assertThat(doc.getString("_id").getValue()).matches("[0-9a-f]{32}");
    assertThat(doc.getDocument("patient").get("age").getBsonType()).isEqualTo(BsonType.INT32);
    assertThat(doc.getDocument("_source").get("row").getBsonType()).isEqualTo(BsonType.INT64);
    assertThat(doc.getDocument("_source").get("ingested_at").getBsonType())
        .isEqualTo(BsonType.DATE_TIME);
    assertThat(doc.getDocument("stay").get("admission_date").getBsonType())
        .isEqualTo(BsonType.DATE_TIME);
    assertThat(doc.get("billing_amount").getBsonType()).isEqualTo(BsonType.DECIMAL128);
    assertThat(doc.get("_quality").getBsonType()).isEqualTo(BsonType.ARRAY);
  }

  // ---------------------------------------------------------------- the cleaned topic

  /**
   * Three transactions: file 1 (committed), stray rows (aborted), file 2 with repeats and one bad
   * value (committed).
   */
  private void produceCleanedTopic() {
    Instant ingested = Instant.parse("2026-11-25T10:00:00Z");
    for (int i = 0; i < DOCS; i++) {
      BsonDocument doc = admission(i, "file-1", "admissions-2026-11.csv", i + 1L, ingested);
      firstFile.put(doc.getString("_id").getValue(), doc);
    }
    List<BsonDocument> repeated = new ArrayList<>(firstFile.values()).subList(0, DUPLICATES);
    for (int i = 0; i < DUPLICATES; i++) {
      BsonDocument again = repeated.get(i).clone();
      again.put(
          "_source",
          source("file-2", "admissions-2026-12.csv", 1000L + i, ingested.plusSeconds(3600)));
      secondFile.put(again.getString("_id").getValue(), again);
    }
    List<BsonDocument> aborted = new ArrayList<>();
    for (int i = 0; i < ABORTED; i++) {
      BsonDocument doc = admission(DOCS + i, "file-x", "aborted.csv", i + 1L, ingested);
      aborted.add(doc);
      abortedIds.add(doc.getString("_id").getValue());
    }

    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "test-cleaner-" + UUID.randomUUID(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      firstFile.values().forEach(d -> producer.send(cleaned(d, "file-1")));
      producer.commitTransaction();

      producer.beginTransaction();
      aborted.forEach(d -> producer.send(cleaned(d, "file-x")));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      secondFile.values().forEach(d -> producer.send(cleaned(d, "file-2")));
      ProducerRecord<String, byte[]> bad =
          new ProducerRecord<>(
              CLEANED, "not-a-document", INVALID_VALUE.getBytes(StandardCharsets.UTF_8));
      bad.headers().add(KafkaHeaders.FILE_ID, "file-2".getBytes(StandardCharsets.UTF_8));
      producer.send(bad);
      producer.commitTransaction();
    }
  }

  private void produceCommitted(String topic, List<BsonDocument> docs) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "test-cleaner-" + UUID.randomUUID());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      docs.forEach(
          d ->
              producer.send(
                  new ProducerRecord<>(topic, d.getString("_id").getValue(), BsonBytes.write(d))));
      producer.commitTransaction();
    }
  }

  private static ProducerRecord<String, byte[]> cleaned(BsonDocument doc, String fileId) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(CLEANED, doc.getString("_id").getValue(), BsonBytes.write(doc));
    record
        .headers()
        .add(KafkaHeaders.MAPPING, "healthcare-admissions".getBytes(StandardCharsets.UTF_8));
    record.headers().add(KafkaHeaders.FILE_ID, fileId.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** A cleaned admission in the shape of the reference mapping, with every BSON type it uses. */
  private static BsonDocument admission(
      int i, String fileId, String fileName, long row, Instant ingested) {
    String name = (i % 7 == 0 ? "Zoë O'Brien-" : "Bobby Jackson ") + i;
    Instant admitted = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(i % 700));
    int nights = 1 + i % 30;
    BigDecimal amount =
        new BigDecimal(i % 11 == 0 ? "-1234.50" : "18856.28").add(BigDecimal.valueOf(i, 2));
    BsonArray quality = new BsonArray();
    if (amount.signum() < 0) {
      quality.add(new BsonString("billing_amount.negative"));
    }
    if (i % 13 == 0) {
      quality.add(new BsonString("patient.age.minor"));
    }
    return new BsonDocument(
            "_id", new BsonString(DocumentId.of(List.of(name, "2024", Integer.toString(i)))))
        .append(
            "patient",
            new BsonDocument("name", new BsonString(name))
                .append("age", new BsonInt32(i % 13 == 0 ? 12 : 18 + i % 70))
                .append("gender", new BsonString(i % 2 == 0 ? "Male" : "Female"))
                .append("blood_type", new BsonString(List.of("A+", "O-", "AB+", "B-").get(i % 4))))
        .append(
            "medical",
            new BsonDocument("condition", new BsonString("Cancer"))
                .append("medication", new BsonString("Paracetamol"))
                .append("test_results", new BsonString("Normal")))
        .append(
            "facility",
            new BsonDocument("doctor", new BsonString("Matthew Smith MD"))
                .append("hospital", new BsonString("Sons and Miller, \"West\""))
                .append("insurance_provider", new BsonString("Blue Cross"))
                .append("room_number", new BsonInt32(100 + i % 400)))
        .append(
            "stay",
            new BsonDocument("admission_date", new BsonDateTime(admitted.toEpochMilli()))
                .append(
                    "discharge_date",
                    new BsonDateTime(admitted.plus(Duration.ofDays(nights)).toEpochMilli()))
                .append("admission_type", new BsonString("Urgent"))
                .append("length_of_stay_days", new BsonInt32(nights)))
        .append("billing_amount", new BsonDecimal128(new Decimal128(amount)))
        .append("_source", source(fileId, fileName, row, ingested))
        .append("_quality", quality);
  }

  private static BsonDocument source(String fileId, String fileName, long row, Instant ingested) {
    return new BsonDocument("file_id", new BsonString(fileId))
        .append("file_name", new BsonString(fileName))
        .append("row", new BsonInt64(row))
        .append("ingested_at", new BsonDateTime(ingested.toEpochMilli()));
  }

  private static String digest(Iterable<BsonDocument> docs) {
    ContentDigest digest = new ContentDigest();
    docs.forEach(digest::add);
    return digest.hex();
  }

  // ---------------------------------------------------------------- the Connect worker

  /** Starts the shipped standalone worker config, with only addresses and paths replaced. */
  private void startWorker(Path tmp) throws IOException {
    Map<String, String> worker = loadProperties(configDir.resolve("connect-standalone.properties"));
    worker.put("bootstrap.servers", kafka.bootstrapServers());
    worker.put("plugin.path", pluginDir.toAbsolutePath().toString());
    worker.put("offset.storage.file.filename", tmp.resolve("connect.offsets").toString());
    worker.put("listeners", "http://127.0.0.1:0");
    // The worker calls Exit.exit on a failed start; in a test JVM that must be an exception.
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("Kafka Connect exited with " + code + ": " + message);
        });
    testClassLoader = Thread.currentThread().getContextClassLoader();
    connect = new ConnectStandalone().startConnect(worker);
    rest = connect.rest().serverUrl();
  }

  private void createConnector(Map<String, String> config) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", config.get("name"));
    body.set("config", JSON.valueToTree(config));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(rest.resolve("connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private JsonNode status(String connector) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(rest.resolve("connectors/" + connector + "/status"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("connector status unavailable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The shipped mongo-sink.json's config object. */
  private Map<String, String> shippedSinkConfig() throws IOException {
    JsonNode config = JSON.readTree(configDir.resolve("mongo-sink.json").toFile()).get("config");
    Map<String, String> out = new LinkedHashMap<>();
    config.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, String> loadProperties(Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    }
    Map<String, String> out = new HashMap<>();
    props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
    return out;
  }

  private KafkaConsumer<String, String> dlqConsumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                500),
            new StringDeserializer(),
            new StringDeserializer());
    // The DLQ topic appears only with the first dead letter; the pattern subscription picks it up
    // at the next metadata refresh, hence the short metadata.max.age.ms.
    consumer.subscribe(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topic)));
    return consumer;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void awaitTrue(BooleanSupplier condition, Supplier<String> state) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + DEADLINE + ": " + state.get());
      }
      // Pacing between checks only; the deadline decides, not the pause.
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }
}
