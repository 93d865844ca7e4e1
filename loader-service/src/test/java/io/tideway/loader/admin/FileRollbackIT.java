package io.tideway.loader.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rollback against a real broker and a MongoDB-wire server through the driver: it deletes one
 * file's documents only and announces it; an id nobody announced deletes and announces nothing.
 */
class FileRollbackIT {

  private static final String PREFIX = "rollback.";

  private static EmbeddedKafka kafka;
  private static EmbeddedMongo store;
  private static MongoClient mongo;
  private static KafkaClientFactory clients;
  private static FileRollback rollback;
  private static MongoCollection<BsonDocument> collection;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(Topics.FILES, PREFIX, 1);
    store = EmbeddedMongo.start();
    mongo = MongoClients.create(store.uri());
    clients = new KafkaClientFactory(kafka.bootstrapServers(), Map.of());
    TidewaySettings settings = new TidewaySettings();
    settings.setTopicPrefix(PREFIX);
    MappingCatalog catalog = MappingCatalog.builtIn();
    rollback =
        new FileRollback(
            mongo,
            catalog,
            new RollbackAnnouncer(clients, settings),
            new AnnouncedFiles(clients, settings));
    Mapping m = catalog.find(MappingCatalog.DEFAULT_MAPPING).orElseThrow();
    collection =
        mongo
            .getDatabase(m.target().database())
            .getCollection(m.target().collection(), BsonDocument.class);
    for (String file : List.of("keep", "drop")) {
      for (int i = 0; i < 3; i++) {
        collection.insertOne(
            new BsonDocument("_id", new BsonString(file + "-" + i))
                .append(
                    "_source",
                    new BsonDocument("file_id", new BsonString(file))
                        .append("file_name", new BsonString(file + ".csv"))));
      }
    }
    try (KafkaProducer<String, FileEvent> p =
        clients.producer(
            Map.of(),
            Topics.FILES.keySerde().serializer(),
            Topics.FILES.valueSerde().serializer())) {
      // A real file whose rows were all duplicates: announced, but no documents of its own.
      p.send(
              new ProducerRecord<>(
                  Topics.FILES.name(PREFIX),
                  "all-duplicates",
                  FileEvent.of(FileEventType.COMPLETED, "all-duplicates", "d.csv", "m", "inbox")))
          .get();
    }
  }

  @AfterAll
  static void stop() {
    mongo.close();
    store.close();
    kafka.close();
  }

  @Test
  void deletesTheFilesDocumentsOnlyAndAnnouncesItWithTheirName() {
    FileRollback.Outcome outcome = rollback.rollBack("drop");

    assertThat(outcome).isEqualTo(new FileRollback.Outcome.RolledBack("drop", 3));
    assertThat(collection.countDocuments(Filters.eq("_source.file_id", "drop"))).isZero();
    assertThat(collection.countDocuments(Filters.eq("_source.file_id", "keep"))).isEqualTo(3);
    assertThat(rolledBackEvents("drop"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.rows()).isEqualTo(3);
              assertThat(e.fileName()).isEqualTo("drop.csv");
              assertThat(e.mapping()).isEqualTo(MappingCatalog.DEFAULT_MAPPING);
            });
  }

  @Test
  void anIdNobodyAnnouncedDeletesAndAnnouncesNothing() {
    assertThat(rollback.rollBack("typo")).isEqualTo(new FileRollback.Outcome.Unknown("typo", 0));
    assertThat(rolledBackEvents("typo")).isEmpty();
    assertThat(collection.countDocuments(Filters.eq("_source.file_id", "keep"))).isEqualTo(3);
  }

  @Test
  void anAnnouncedFileWithoutDocumentsIsStillRolledBack() {
    assertThat(rollback.rollBack("all-duplicates"))
        .isEqualTo(new FileRollback.Outcome.RolledBack("all-duplicates", 0));
    assertThat(rolledBackEvents("all-duplicates")).hasSize(1);
  }

  private static List<FileEvent> rolledBackEvents(String fileId) {
    List<FileEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, FileEvent> c =
        clients.consumer(
            Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "t-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            Topics.FILES.keySerde().deserializer(),
            Topics.FILES.valueSerde().deserializer())) {
      c.subscribe(List.of(Topics.FILES.name(PREFIX)));
      // announce() returns once the broker acknowledged: the event is there to be read.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && emptyPolls < 3) {
        var records = c.poll(Duration.ofMillis(500));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        records.forEach(
            r -> {
              if (fileId.equals(r.key()) && r.value().type() == FileEventType.ROLLED_BACK) {
                out.add(r.value());
              }
            });
      }
    }
    return out;
  }
}
