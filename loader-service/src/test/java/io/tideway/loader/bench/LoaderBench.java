package io.tideway.loader.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.loader.config.LoaderConfig;
import io.tideway.loader.support.CleanedDocs;
import io.tideway.testkit.BenchStore;
import io.tideway.testkit.Delivery;
import io.tideway.testkit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;

/**
 * Documents per second through the loader (per write model) into a store ({@link BenchStore}: the
 * stack's own under {@code ./pipeline bench}), and the ceiling: a plain driver {@code insertMany}
 * of the same documents into an empty collection of the same store, warmed up once, as the stack's
 * store is after its first files. Prints JSON. Run: {@code java -Xmx8g -cp <test classpath>
 * io.tideway.loader.bench.LoaderBench [documents] [models...]}.
 */
public final class LoaderBench {

  private static final String PREFIX = "bench.";

  /** Rounds of ceiling then loader. */
  private static final int ROUNDS = 3;

  /**
   * Documents the store takes, in the mapping's indexed collection, before the first timed part: a
   * fresh store JVM per part was measured while it still compiled its insert path (the loader's
   * store had no warm-up at all), and its ceilings of one run varied between 56,000 and 108,000
   * documents per second.
   */
  private static final int WARM_UP = 200_000;

  private LoaderBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<String> models =
        args.length > 1
            ? List.of(args).subList(1, args.length)
            : List.of("INSERT_IGNORE_DUPLICATES", "REPLACE_UPSERT");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", n);
    // The ceiling is the better of a plain load in chunks of 1,000 and in chunks of the loader's
    // batch size, so a batch size the store likes raises the bar too.
    int batch = new LoaderConfig().getBatchSize();
    String env = System.getenv("TIDEWAY_LOADER_BATCH_SIZE");
    if (env != null && !env.isBlank()) {
      batch = Integer.parseInt(env.trim());
    }
    out.put("loader_batch_size", batch);
    out.put("store", BenchStore.description());
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        BenchStore mongo = BenchStore.start();
        MongoClient client = MongoClients.create(mongo.uri())) {
      kafka.createTopics(PREFIX, 6);
      long t0 = System.nanoTime();
      produce(kafka.bootstrapServers(), n);
      out.put("produce_docs_per_s", round(n / seconds(t0)));
      long inTopic = recordsInTopic(kafka);
      if (inTopic != n) {
        throw new IllegalStateException(inTopic + " documents in the topic, " + n + " produced");
      }
      out.put("documents_in_topic", inTopic);
      warmUp(client.getDatabase("tideway").getCollection("warmup", BsonDocument.class), batch);
      // Ceiling and loader alternate, ROUNDS times: on a shared machine one pair can differ by
      // two times from the next, so each round's ratio is reported with the ratio of the bests.
      double ceiling = 0;
      Map<String, Double> best = new LinkedHashMap<>();
      List<Map<String, Object>> rounds = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> byChunk = new LinkedHashMap<>();
        double roundCeiling = 0;
        for (int chunk : new java.util.TreeSet<>(List.of(1000, batch))) {
          double rate = ceiling(client, n, chunk, true);
          byChunk.put(Integer.toString(chunk), round(rate));
          roundCeiling = Math.max(roundCeiling, rate);
        }
        r.put("ceiling_by_chunk_size", byChunk);
        // Without the mapping's secondary indexes: what the store's index upkeep costs.
        r.put("ceiling_without_indexes", round(ceiling(client, n, batch, false)));
        ceiling = Math.max(ceiling, roundCeiling);
        for (String model : models) {
          double rate = loader(kafka.bootstrapServers(), mongo, client, inTopic, model, round);
          best.merge(model, rate, Math::max);
          r.put(
              model,
              Map.of("docs_per_s", round(rate), "ratio_to_ceiling", round(rate / roundCeiling)));
        }
        rounds.add(r);
      }
      out.put("ceiling_insert_many_docs_per_s", round(ceiling));
      Map<String, Object> loaders = new LinkedHashMap<>();
      for (Map.Entry<String, Double> e : best.entrySet()) {
        loaders.put(
            e.getKey(),
            Map.of(
                "docs_per_s",
                round(e.getValue()),
                "ratio_to_ceiling",
                round(e.getValue() / ceiling)));
      }
      out.put("loader", loaders);
      out.put("rounds", rounds);
    }
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    System.exit(0);
  }

  static BsonDocument doc(int i) {
    return CleanedDocs.doc("bench-" + i, "bench-file", i);
  }

  /**
   * Plain {@code insertMany} in chunks of {@code size}, documents built beforehand, into an empty
   * collection, dropped afterwards; {@code indexed}: with the secondary indexes the mapping
   * declares, which the loader creates before it writes (the same work for the store).
   */
  private static double ceiling(MongoClient client, int n, int size, boolean indexed) {
    List<List<BsonDocument>> chunks = new ArrayList<>();
    for (int i = 0; i < n; i += size) {
      List<BsonDocument> chunk = new ArrayList<>(size);
      for (int j = i; j < Math.min(n, i + size); j++) {
        chunk.add(doc(j));
      }
      chunks.add(chunk);
    }
    MongoCollection<BsonDocument> c =
        client.getDatabase("tideway").getCollection("ceiling", BsonDocument.class);
    if (indexed) {
      createIndexes(c);
    }
    settle();
    long t0 = System.nanoTime();
    chunks.forEach(c::insertMany);
    double rate = n / seconds(t0);
    c.drop();
    return rate;
  }

  private static void createIndexes(MongoCollection<BsonDocument> c) {
    MappingCatalog.builtIn()
        .get(MappingCatalog.DEFAULT_MAPPING)
        .indexes()
        .forEach(path -> c.createIndex(Indexes.ascending(path)));
  }

  /** {@link #WARM_UP} documents into {@code c}, indexed as the mapping says, then dropped. */
  private static void warmUp(MongoCollection<BsonDocument> c, int size) {
    createIndexes(c);
    for (int from = 0; from < WARM_UP; from += size) {
      List<BsonDocument> chunk = new ArrayList<>(size);
      for (int i = from; i < Math.min(WARM_UP, from + size); i++) {
        chunk.add(doc(i));
      }
      c.insertMany(chunk);
    }
    c.drop();
  }

  private static void produce(String bootstrap, int n) {
    Map<String, Object> p =
        EmbeddedKafka.producerConfig(
            bootstrap,
            Map.of(
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            p,
            new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      // Checked in chunks: a record the producer gives up on is resent or fails the benchmark
      // (Delivery).
      for (int from = 0; from < n; from += 100_000) {
        List<org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>> chunk =
            new ArrayList<>();
        for (int i = from; i < Math.min(n, from + 100_000); i++) {
          chunk.add(CleanedDocs.record(PREFIX, doc(i), "bench-file"));
        }
        Delivery.sendAll(producer, chunk);
      }
    }
  }

  /** Records in the cleaned topic: what the producer acknowledged must all be there. */
  private static long recordsInTopic(EmbeddedKafka kafka) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
      String topic = io.tideway.contracts.topics.Topics.CLEANED.name(PREFIX);
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          latest = new HashMap<>();
      partitions.forEach(
          p ->
              latest.put(
                  new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                  org.apache.kafka.clients.admin.OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }

  /**
   * Starts a loader (own group per round) and times it from its first stored document to the last;
   * its collection is dropped afterwards.
   */
  private static double loader(
      String bootstrap, BenchStore mongo, MongoClient client, long n, String model, int round)
      throws InterruptedException {
    MongoCollection<BsonDocument> c =
        client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    try {
      Map<String, Object> props = new HashMap<>();
      props.put("micronaut.server.port", -1);
      props.put("kafka.bootstrap.servers", bootstrap);
      props.put("tideway.mongo.uri", mongo.uri());
      props.put("tideway.topic-prefix", PREFIX);
      props.put("tideway.loader.group-id", "bench-" + model + "-" + round);
      props.put("tideway.loader.instance-id", "bench-" + model + "-" + round);
      props.put("tideway.loader.write-model", model);
      settle();
      try (EmbeddedServer ignored = ApplicationContext.run(EmbeddedServer.class, props)) {
        while (c.estimatedDocumentCount() == 0) {
          Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        while (c.estimatedDocumentCount() < n) {
          Thread.sleep(20);
        }
        return n / seconds(t0);
      }
    } finally {
      c.drop();
    }
  }

  /**
   * Collects this JVM's garbage of the previous parts (their documents, the loader's application
   * context) before a timed part, so that a full collection of it does not fall inside one timing.
   */
  private static void settle() {
    System.gc();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
