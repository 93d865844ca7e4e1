package io.tideway.infra.stack;

import static io.tideway.infra.stack.StoreTesting.LIBRARY;
import static io.tideway.infra.stack.StoreTesting.OURS;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's collection keeps documents as BSON bytes: through the real driver it
 * answers every write and read as the library's in-memory store does, a batched scan hands out the
 * same documents batch by batch, and the verifier's count audit is read from the index exactly.
 */
class IndexedMemoryCollectionTest {

  private static final String FILE_ID = "_source.file_id";

  /**
   * What {@code work} answers on both stores ({@link StoreTesting#answers}), each holding {@code n}
   * of {@link #documents}, indexed by file id.
   */
  private static Map<String, Object> answersHolding(
      int n, Function<MongoCollection<Document>, Object> work) {
    return StoreTesting.answers(
        (backend, c) -> {
          c.createIndex(Indexes.ascending(FILE_ID));
          c.insertMany(documents(n));
          return work.apply(c);
        });
  }

  /** Asserts that our store answered as the library's. */
  private static void assertSameAnswers(Map<String, Object> answers) {
    assertThat(answers.get(OURS)).isEqualTo(answers.get(LIBRARY));
  }

  /** Documents of three files, with every BSON type a loader or a user may store. */
  private static List<Document> documents(int n) {
    Random random = new Random(11);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(
          new Document("_id", "d" + i)
              .append("name", "name " + random.nextInt(1000))
              .append("age", random.nextInt(90))
              .append(
                  "bill", new Decimal128(new java.math.BigDecimal(random.nextInt(99999) + ".25")))
              .append("ratio", random.nextDouble())
              .append("big", random.nextLong())
              .append("admitted", new Date(1_600_000_000_000L + i))
              .append("urgent", i % 3 == 0)
              .append("note", i % 5 == 0 ? null : "ü ç €")
              .append("tags", List.of("a", i, new Document("k", i)))
              .append("oid", new ObjectId(new Date(1_600_000_000_000L), i))
              .append("raw", new BsonBinary(new byte[] {1, 2, (byte) i}))
              .append("_source", new Document("file_id", "f" + i % 3).append("row", i)));
    }
    return docs;
  }

  @Test
  void writesAndReadsAnswerAsTheLibrarysInMemoryStore() {
    Map<String, Object> answers =
        answersHolding(
            60,
            c -> {
              List<Object> out = new ArrayList<>();
              c.updateOne(Filters.eq("_id", "d1"), Updates.set("name", "a much longer name now"));
              c.updateMany(Filters.eq(FILE_ID, "f2"), Updates.inc("age", 1));
              c.updateOne(Filters.eq("_id", "d4"), Updates.unset("note"));
              c.updateOne(Filters.eq("_id", "d5"), Updates.push("tags", "pushed"));
              c.replaceOne(Filters.eq("_id", "d7"), new Document("replaced", true));
              c.updateOne(
                  Filters.eq("_id", "new"), Updates.set("x", 1), new UpdateOptions().upsert(true));
              c.replaceOne(
                  Filters.eq("_id", "new2"),
                  new Document("y", 2),
                  new ReplaceOptions().upsert(true));
              out.add(
                  c.findOneAndUpdate(
                      Filters.eq("_id", "d8"),
                      Updates.set("urgent", false),
                      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
              c.deleteOne(Filters.eq("_id", "d9"));
              c.deleteMany(Filters.eq(FILE_ID, "f1"));
              c.insertMany(documents(70).subList(60, 70)); // into freed positions
              out.add(c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
              // Without a sort MongoDB promises no order: an index answers by value, and the
              // positions freed by deletes through it are reused in its order.
              out.add(byId(c.find(Filters.eq(FILE_ID, "f0")).into(new ArrayList<>())));
              out.add(byId(c.find().batchSize(7).into(new ArrayList<>())));
              out.add(
                  c.find(Filters.gt("age", 40))
                      .sort(Sorts.descending("age", "_id"))
                      .skip(2)
                      .limit(9)
                      .projection(new Document("age", 1))
                      .into(new ArrayList<>()));
              out.add(c.countDocuments(Filters.eq("urgent", true)));
              out.add(c.distinct("_source.file_id", String.class).into(new ArrayList<>()));
              return out;
            });
    assertSameAnswers(answers);
    @SuppressWarnings("unchecked")
    List<Document> all = (List<Document>) ((List<Object>) answers.get(LIBRARY)).get(1);
    // 60, less d9 and the 19 of f1 still f1's (d7 was replaced without a source), 10 more, 2
    // upserts
    assertThat(all).hasSize(60 - 1 - 19 + 10 + 2);
  }

  @Test
  void aBatchedScanOfAFileHandsOutItsDocumentsBatchByBatchAsTheLibraryDoes() {
    Map<String, Object> answers =
        answersHolding(
            1000,
            c -> {
              List<String> seen = new ArrayList<>();
              try (var cursor = c.find(Filters.eq(FILE_ID, "f1")).batchSize(50).iterator()) {
                int read = 0;
                while (cursor.hasNext()) {
                  seen.add(cursor.next().getString("_id"));
                  if (++read == 120) {
                    // Changed after the query ran: neither store shows a document it had not
                    // matched, and a match removed since may still come (MongoDB promises no
                    // snapshot): the count is what matters to the verifier.
                    c.deleteOne(Filters.eq("_id", "d997"));
                  }
                }
              }
              List<String> natural = new ArrayList<>();
              c.find(Filters.eq("urgent", true))
                  .sort(new Document("$natural", -1))
                  .batchSize(9)
                  .forEach(d -> natural.add(d.getString("_id")));
              return List.of(seen, natural);
            });
    assertSameAnswers(answers);
    @SuppressWarnings("unchecked")
    List<Object> own = (List<Object>) answers.get(OURS);
    assertThat((List<Object>) own.get(0)).hasSize(333).contains("d997");
    assertThat((List<Object>) own.get(1)).hasSize(334).first().isEqualTo("d999");
  }

  @Test
  void theVerifiersCountAuditIsReadFromTheIndexExactlyWhileEveryFileIdIsAString() {
    Map<String, Object> answers =
        answersHolding(
            100,
            c -> {
              c.insertOne(new Document("_id", "no source"));
              c.deleteMany(Filters.eq("_id", "d3"));
              List<Object> out = new ArrayList<>();
              out.add(counts(c, List.of("f2", "none", "f0", "f2")));
              // A document whose file id is an array: a scan matches it and groups it by the
              // array, which the index's postings cannot tell.
              c.insertOne(
                  new Document("_id", "array")
                      .append("_source", new Document("file_id", List.of("f0", "f1"))));
              out.add(counts(c, List.of("f0")));
              return out;
            });
    assertSameAnswers(answers);
    @SuppressWarnings("unchecked")
    List<Object> library = (List<Object>) answers.get(LIBRARY);
    assertThat(library.get(0)).isEqualTo(counted("f2", 33, "f0", 33));
    assertThat(library.get(1))
        .as("the library groups a document by the array element it matched")
        .isEqualTo(counted("f0", 34));

    // The same pipeline straight against a collection: the index answers, then declines.
    IndexedMemoryBackend backend = new IndexedMemoryBackend();
    StoreTesting.served(
        backend,
        c -> {
          c.createIndex(Indexes.ascending(FILE_ID));
          c.insertMany(documents(30));
          var collection =
              ((AbstractMongoBackend) backend)
                  .resolveDatabase("tideway")
                  .resolveCollection("admissions", true);
          de.bwaldvogel.mongo.bson.Document match =
              new de.bwaldvogel.mongo.bson.Document(
                  FILE_ID, new de.bwaldvogel.mongo.bson.Document("$in", List.of("f1", "f0")));
          de.bwaldvogel.mongo.bson.Document sum = new de.bwaldvogel.mongo.bson.Document("$sum", 1);
          de.bwaldvogel.mongo.bson.Document group =
              new de.bwaldvogel.mongo.bson.Document("_id", "$" + FILE_ID);
          group.put("n", sum);
          List<de.bwaldvogel.mongo.bson.Document> pipeline =
              List.of(
                  new de.bwaldvogel.mongo.bson.Document("$match", match),
                  new de.bwaldvogel.mongo.bson.Document("$group", group));
          assertThat(
                  IndexedAggregate.countedByIndex(
                      IndexedAggregate.servingIndex(collection, match), match, pipeline))
              .extracting(d -> d.get("_id") + "=" + d.get("n"))
              .containsExactly("f1=10", "f0=10");
          c.insertOne(new Document("_id", "n").append("_source", new Document("file_id", 7)));
          assertThat(
                  IndexedAggregate.countedByIndex(
                      IndexedAggregate.servingIndex(collection, match), match, pipeline))
              .as("a number filed at the field: the scan answers")
              .isNull();
        });
  }

  @Test
  void aScanTheIndexNamesExactlyIsAnsweredWithTheStoredBytesAsTheLibraryEncodesThem() {
    Map<String, Object> answers =
        answersHolding(
            200,
            c -> {
              List<String> out = new ArrayList<>();
              var raw = c.withDocumentClass(RawBsonDocument.class);
              raw.find(Filters.eq(FILE_ID, "f2")).batchSize(30).forEach(d -> out.add(hex(d)));
              raw.find(Filters.in(FILE_ID, "f0", "f0")).batchSize(30).forEach(d -> out.add(hex(d)));
              return out;
            });
    assertSameAnswers(answers);
    assertThat((List<?>) answers.get(LIBRARY)).hasSize(66 + 67);

    IndexedMemoryBackend backend = new IndexedMemoryBackend();
    StoreTesting.served(
        backend,
        c -> {
          c.createIndex(Indexes.ascending(FILE_ID));
          c.insertMany(documents(30));
          var collection = backend.resolveDatabase("tideway").resolveCollection("admissions", true);
          assertThat(firstOfBatchedScan(collection, "f1"))
              .as("the index names exactly the documents of f1: no document is decoded")
              .matches(d -> StoredDocument.bytesOf(d) != null);
          c.insertOne(new Document("_id", "n").append("_source", new Document("file_id", 7)));
          assertThat(firstOfBatchedScan(collection, "f1"))
              .as("a number filed at the field: every candidate is decoded and matched")
              .matches(d -> StoredDocument.bytesOf(d) == null && "f1".equals(fileIdOf(d)));
        });
  }

  @Test
  void anInsertedDocumentIsStoredInTheBytesItArrivedIn() {
    // The library decodes BSON's undefined as null, so a store that encoded the decoded document
    // again would answer with other bytes than were sent (MongoDB keeps the type).
    RawBsonDocument sent = bson("d", w -> w.writeUndefined("u"), w -> w.writeInt32("n", 2));
    StoreTesting.served(
        new IndexedMemoryBackend(),
        c -> {
          c.createIndex(Indexes.ascending(FILE_ID));
          var raw = c.withDocumentClass(RawBsonDocument.class);
          raw.insertMany(List.of(sent, bson(null, w -> w.writeString("name", "no id"))));
          List<RawBsonDocument> found =
              raw.find(Filters.eq(FILE_ID, "f9")).batchSize(10).into(new ArrayList<>());
          assertThat(found).hasSize(2);
          assertThat(hex(found.get(0)))
              .as("stored and answered as it arrived")
              .isEqualTo(hex(sent));
          assertThat(found.get(1).get("_id").isObjectId())
              .as("a document sent without an _id is stored with the one the store gave it")
              .isTrue();
          assertThat(found.get(1).getString("name").getValue()).isEqualTo("no id");
        });
  }

  /** A document of file f9 with {@code id} (none if null) and the fields {@code fields} write. */
  @SafeVarargs
  private static RawBsonDocument bson(
      String id, java.util.function.Consumer<org.bson.BsonWriter>... fields) {
    var out = new org.bson.io.BasicOutputBuffer();
    try (var w = new org.bson.BsonBinaryWriter(out)) {
      w.writeStartDocument();
      if (id != null) {
        w.writeString("_id", id);
      }
      w.writeStartDocument("_source");
      w.writeString("file_id", "f9");
      w.writeEndDocument();
      for (var field : fields) {
        field.accept(w);
      }
      w.writeEndDocument();
    }
    return new RawBsonDocument(out.toByteArray());
  }

  /**
   * The first document of a batched query of one file straight against {@code collection}, through
   * its file-id index as the library's query runs it.
   */
  private static de.bwaldvogel.mongo.bson.Document firstOfBatchedScan(
      de.bwaldvogel.mongo.MongoCollection<?> collection, String file) {
    IndexedMemoryCollection ours = (IndexedMemoryCollection) collection;
    de.bwaldvogel.mongo.bson.Document query = new de.bwaldvogel.mongo.bson.Document(FILE_ID, file);
    @SuppressWarnings("unchecked")
    FieldIndex<Integer> index = (FieldIndex<Integer>) IndexedAggregate.servingIndex(ours, query);
    return ours.matchDocuments(query, index.getPositions(query), null, 0, 0, 5, null)
        .iterator()
        .next();
  }

  private static Object fileIdOf(Map<String, Object> d) {
    return ((Map<?, ?>) d.get("_source")).get("file_id");
  }

  private static String hex(RawBsonDocument document) {
    java.nio.ByteBuffer bytes = document.getByteBuffer().asNIO();
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return java.util.HexFormat.of().formatHex(out);
  }

  private static List<Document> byId(List<Document> documents) {
    documents.sort(java.util.Comparator.comparing(d -> String.valueOf(d.get("_id"))));
    return documents;
  }

  private static Map<String, Integer> counted(Object... pairs) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return m;
  }

  /** The verifier's count audit: groups in the order the store gives them. */
  private static Map<String, Integer> counts(MongoCollection<Document> c, List<String> files) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    c.aggregate(
            List.of(
                Aggregates.match(Filters.in(FILE_ID, files)),
                Aggregates.group("$" + FILE_ID, Accumulators.sum("n", 1))))
        .forEach(d -> counts.put(String.valueOf(d.get("_id")), d.getInteger("n")));
    return counts;
  }
}
