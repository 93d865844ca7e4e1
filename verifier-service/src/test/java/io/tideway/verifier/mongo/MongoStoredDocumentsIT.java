package io.tideway.verifier.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.mapping.DocumentShape;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.testkit.EmbeddedMongo;
import io.tideway.verifier.Fixtures;
import io.tideway.verifier.reconcile.StoredScan;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A file's documents read back through the real driver from a MongoDB-wire server. */
class MongoStoredDocumentsIT {

  private static final DocumentShape SHAPE =
      DocumentShape.of(MappingCatalog.builtIn().get(Fixtures.MAPPING));

  private static EmbeddedMongo mongo;
  private static MongoClient client;
  private static MongoStoredDocuments store;
  private static List<BsonDocument> first;

  @BeforeAll
  static void load() {
    mongo = EmbeddedMongo.start();
    client = MongoClients.create(mongo.uri());
    store = new MongoStoredDocuments(client);
    MongoCollection<BsonDocument> c =
        client.getDatabase("tideway").getCollection("admissions", BsonDocument.class);
    first = Fixtures.documents("first", 250);
    c.insertMany(first);
    c.insertMany(Fixtures.documents("second", 40));
  }

  @AfterAll
  static void stop() {
    client.close();
    mongo.close();
  }

  @Test
  void aScanCountsAndDigestsOnlyItsFileAsTheCleanerDid() {
    ContentDigest cleanerSide = new ContentDigest(DigestVersion.CURRENT);
    first.forEach(cleanerSide::add);

    StoredScan scan = store.scan("tideway", "admissions", "first", SHAPE, DigestVersion.CURRENT);

    assertThat(scan.count()).isEqualTo(250);
    assertThat(scan.digest()).isEqualTo(cleanerSide.hex());
    assertThat(scan.nonConforming()).isZero();
  }

  @Test
  void aChangedDocumentChangesTheDigestAndAWrongTypeIsNamed() {
    MongoCollection<BsonDocument> c =
        client.getDatabase("tideway").getCollection("altered", BsonDocument.class);
    List<BsonDocument> docs = Fixtures.documents("altered", 20);
    ContentDigest cleanerSide = new ContentDigest(DigestVersion.CURRENT);
    docs.forEach(cleanerSide::add);
    BsonDocument changed = docs.get(7).clone();
    changed.getDocument("patient").put("age", new BsonString("thirty"));
    docs.set(7, changed);
    c.insertMany(docs);

    StoredScan scan = store.scan("tideway", "altered", "altered", SHAPE, DigestVersion.CURRENT);

    assertThat(scan.count()).isEqualTo(20);
    assertThat(scan.digest()).isNotEqualTo(cleanerSide.hex());
    assertThat(scan.nonConforming()).isEqualTo(1);
    assertThat(scan.conformance()).isNotEmpty();
  }

  @Test
  void countAllCountsEachFileInOnePassAndLeavesOutFilesWithoutDocuments() {
    Map<String, Long> counts =
        store.countAll("tideway", "admissions", List.of("first", "second", "never-loaded"));

    assertThat(counts).containsOnly(Map.entry("first", 250L), Map.entry("second", 40L));
  }
}
