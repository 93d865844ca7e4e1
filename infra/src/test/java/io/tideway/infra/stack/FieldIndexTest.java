package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's secondary index on {@code _source.file_id}, through the real driver:
 * queries by file find exactly the file's documents after inserts, deletes and updates, and are
 * answered from the index, not by a scan.
 */
class FieldIndexTest {

  private static final String FILE_ID = "_source.file_id";

  /** Five documents of f1, three of f2, two of f3, and one without a source. */
  private static List<Document> documents() {
    List<Document> docs = new ArrayList<>();
    int n = 0;
    for (String file : List.of("f1", "f1", "f1", "f1", "f1", "f2", "f2", "f2", "f3", "f3")) {
      docs.add(
          new Document("_id", "d" + n++)
              .append("name", "x")
              .append("_source", new Document("file_id", file).append("row", n)));
    }
    docs.add(new Document("_id", "orphan").append("name", "y"));
    return docs;
  }

  private static List<String> ids(MongoCollection<Document> c, org.bson.conversions.Bson filter) {
    List<String> out = new ArrayList<>();
    c.find(filter).forEach(d -> out.add(d.getString("_id")));
    return out;
  }

  /** The collection's index on the file id, as the library holds it. */
  private static Index<?> fileIndex(MongoBackend backend) {
    return ((AbstractMongoBackend) backend)
        .resolveDatabase("tideway").resolveCollection("admissions", true).getIndexes().stream()
            .filter(i -> i.getName().equals(FILE_ID + "_1"))
            .findFirst()
            .orElseThrow();
  }

  private static void exercise(MongoBackend backend) {
    StoreTesting.served(
        backend,
        c -> {
          c.insertMany(documents().subList(0, 6));
          c.createIndex(Indexes.ascending(FILE_ID)); // built over what is stored
          c.insertMany(documents().subList(6, 11)); // and kept up to date
          assertThat(ids(c, Filters.eq(FILE_ID, "f2"))).containsExactlyInAnyOrder("d5", "d6", "d7");
          assertThat(ids(c, Filters.in(FILE_ID, "f1", "f3")))
              .containsExactlyInAnyOrder("d0", "d1", "d2", "d3", "d4", "d8", "d9");
          assertThat(ids(c, Filters.eq(FILE_ID, "none"))).isEmpty();
          assertThat(c.countDocuments(Filters.eq(FILE_ID, "f3"))).isEqualTo(2);

          c.deleteMany(Filters.eq(FILE_ID, "f1"));
          c.updateOne(Filters.eq("_id", "d5"), Updates.set(FILE_ID, "f3"));
          assertThat(ids(c, Filters.eq(FILE_ID, "f1"))).isEmpty();
          assertThat(ids(c, Filters.eq(FILE_ID, "f2"))).containsExactlyInAnyOrder("d6", "d7");
          assertThat(ids(c, Filters.eq(FILE_ID, "f3"))).containsExactlyInAnyOrder("d5", "d8", "d9");
          // Queries the index does not serve still scan, and still answer.
          assertThat(ids(c, Filters.exists(FILE_ID, false))).containsExactly("orphan");

          Index<?> index = fileIndex(backend);
          assertThat(index).isInstanceOf(FieldIndex.class);
          assertThat(index.canHandle(query(FILE_ID, "f2"))).isTrue();
          assertThat(index.canHandle(query(FILE_ID, query("$in", List.of("f2", "f3"))))).isTrue();
          assertThat(index.canHandle(query(FILE_ID, query("$gt", "f2"))))
              .as("a range is left to the scan")
              .isFalse();
          assertThat(index.getPositions(query(FILE_ID, "f3")))
              .as("one position per document of f3")
              .hasSize(3);

          // The verifier's count audit: a $match the index serves, then $group; and countDocuments.
          long before = ((FieldIndex<?>) index).lookups();
          assertThat(countsByFile(c, Filters.in(FILE_ID, "f2", "f3", "none")))
              .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("f2", 2, "f3", 3));
          assertThat(c.countDocuments(Filters.eq(FILE_ID, "f3"))).isEqualTo(3);
          assertThat(((FieldIndex<?>) index).lookups())
              .as("both aggregations were answered from the index")
              .isEqualTo(before + 2);
          // A $match the index does not serve is the library's scan, with the same answers.
          assertThat(countsByFile(c, Filters.exists(FILE_ID, true)))
              .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("f2", 2, "f3", 3));
          assertThat(
                  c.countDocuments(Filters.and(Filters.eq(FILE_ID, "f3"), Filters.eq("_id", "d8"))))
              .as("a $match of two conditions is the library's scan too")
              .isEqualTo(1);
          assertThat(((FieldIndex<?>) index).lookups()).isEqualTo(before + 2);
        });
  }

  private static java.util.Map<String, Integer> countsByFile(
      MongoCollection<Document> c, org.bson.conversions.Bson match) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    c.aggregate(
            List.of(
                com.mongodb.client.model.Aggregates.match(match),
                com.mongodb.client.model.Aggregates.group(
                    "$" + FILE_ID, com.mongodb.client.model.Accumulators.sum("n", 1))))
        .forEach(d -> counts.put(d.getString("_id"), d.getInteger("n")));
    return counts;
  }

  private static de.bwaldvogel.mongo.bson.Document query(String key, Object value) {
    return new de.bwaldvogel.mongo.bson.Document(key, value);
  }

  @Test
  void theIndexKeysOfADocumentAreTheLibrarysOwn() {
    FieldIndex<Integer> index =
        new FieldIndex<>(
            "f", List.of(new de.bwaldvogel.mongo.backend.IndexKey(FILE_ID, true)), false);
    List<de.bwaldvogel.mongo.bson.Document> shapes =
        List.of(
            doc("_source", doc("file_id", "f1")),
            doc("_source", doc("file_id", 42)),
            doc("_source", doc("file_id", 42L)),
            doc("_source", doc("file_id", 4.2)),
            doc("_source", doc("file_id", true)),
            doc("_source", doc("file_id", null)),
            doc("_source", doc("row", 1)),
            doc("_source", "not a document"),
            doc("_source", doc("file_id", List.of("a", "b"))),
            doc("_source", List.of(doc("file_id", "a"), doc("file_id", "b"))),
            doc("_source", doc("file_id", doc("nested", 1))),
            doc("_source", doc("file_id", java.time.Instant.ofEpochMilli(1_600_000_000_000L))),
            doc("name", "x"));
    for (de.bwaldvogel.mongo.bson.Document d : shapes) {
      assertThat(java.util.Set.copyOf(index.keys(d)))
          .as(d.toString())
          .isEqualTo(
              index.getKeyValues(d).stream()
                  .map(FieldIndex::key)
                  .collect(java.util.stream.Collectors.toSet()));
    }
    // What the keys stand for: strings and dates as themselves, numbers as the library's
    // normalized key, so that a query for 42 finds 42.0 as the library's scan does.
    var kv = (java.util.function.Function<Object, Object>) v -> FieldIndex.key(new KeyValue(v));
    assertThat(kv.apply("f1")).isEqualTo("f1");
    assertThat(kv.apply(java.time.Instant.ofEpochMilli(5)))
        .isEqualTo(java.time.Instant.ofEpochMilli(5));
    assertThat(kv.apply(42)).isEqualTo(kv.apply(42.0)).isEqualTo(kv.apply(42L)).isNotEqualTo(42);
    assertThat(kv.apply(List.of("a"))).isNotEqualTo("a");
  }

  @Test
  void queriesByADateOrANumberFindWhatTheLibrarysScanFinds() {
    java.util.Date day = new java.util.Date(1_600_000_000_000L);
    java.util.Map<String, Object> answers =
        StoreTesting.answers(
            (backend, c) -> {
              c.createIndex(Indexes.ascending("stay.admission_date"));
              c.createIndex(Indexes.ascending("stay.days"));
              List<Document> docs = new ArrayList<>();
              for (int i = 0; i < 12; i++) {
                docs.add(
                    new Document("_id", "d" + i)
                        .append(
                            "stay",
                            new Document(
                                    "admission_date", new java.util.Date(day.getTime() + i % 3))
                                .append("days", i % 2 == 0 ? (Object) 4 : (Object) 4.0)));
              }
              docs.add(new Document("_id", "none"));
              c.insertMany(docs);
              c.deleteOne(Filters.eq("_id", "d3"));
              // Sorted: without a sort MongoDB promises no order, and an index answers by value.
              return java.util.stream.Stream.of(
                      ids(c, Filters.eq("stay.admission_date", day)),
                      ids(
                          c,
                          Filters.in(
                              "stay.admission_date", day, new java.util.Date(day.getTime() + 1))),
                      ids(c, Filters.eq("stay.days", 4L)))
                  .map(l -> l.stream().sorted().toList())
                  .toList();
            });
    assertThat(answers.get(StoreTesting.OURS)).isEqualTo(answers.get(StoreTesting.LIBRARY));
    assertThat(answers.get(StoreTesting.LIBRARY))
        .isEqualTo(
            List.of(
                List.of("d0", "d6", "d9"),
                List.of("d0", "d1", "d10", "d4", "d6", "d7", "d9"),
                List.of("d0", "d1", "d10", "d11", "d2", "d4", "d5", "d6", "d7", "d8", "d9")));
  }

  @Test
  void theUniqueIndexKeysOfADocumentAreTheLibrarysOwn() {
    List<de.bwaldvogel.mongo.bson.Document> shapes = new ArrayList<>();
    for (Object id :
        List.of(
            "d1",
            "",
            42,
            42L,
            4.2,
            true,
            new de.bwaldvogel.mongo.bson.ObjectId(),
            doc("a", "b"),
            List.of("a"))) {
      de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
      d.put("_id", id);
      d.put("_source", doc("file_id", id));
      shapes.add(d);
    }
    shapes.add(doc("name", "x"));
    for (String field : List.of("_id", FILE_ID)) {
      List<de.bwaldvogel.mongo.backend.IndexKey> keys =
          List.of(new de.bwaldvogel.mongo.backend.IndexKey(field, true));
      UniqueStringIndex own = new UniqueStringIndex("u", keys, false);
      var library =
          new de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex("u", keys, false);
      for (de.bwaldvogel.mongo.bson.Document d : shapes) {
        assertThat(own.getKeyValues(d)).as(field + " of " + d).isEqualTo(library.getKeyValues(d));
      }
    }
  }

  @Test
  void aDuplicateIdIsRefusedAsTheLibraryRefusesIt() {
    java.util.Map<String, Object> errors =
        StoreTesting.answers(
            (backend, c) -> {
              c.insertMany(documents());
              String error = null;
              try {
                c.insertOne(new Document("_id", "d3").append("name", "again"));
              } catch (com.mongodb.MongoWriteException e) {
                error = e.getError().getCode() + " " + e.getError().getMessage();
              }
              assertThat(c.countDocuments()).isEqualTo(documents().size());
              return error;
            });
    assertThat((String) errors.get(StoreTesting.OURS))
        .startsWith("11000 ")
        .contains("d3")
        .isEqualTo(errors.get(StoreTesting.LIBRARY));
  }

  @Test
  void theDataSizeIsTheLibrarysAfterInsertsUpdatesAndDeletes() {
    java.util.Map<String, Object> sizes =
        StoreTesting.answers(
            (backend, c) -> {
              c.insertMany(documents());
              c.updateOne(
                  Filters.eq("_id", "d1"), Updates.set("name", "a longer name than before"));
              c.deleteMany(Filters.eq(FILE_ID, "f2"));
              return ((AbstractMongoBackend) backend)
                  .resolveDatabase("tideway")
                  .resolveCollection("admissions", true)
                  .getStats()
                  .get("size");
            });
    assertThat(sizes.get(StoreTesting.OURS))
        .isEqualTo(sizes.get(StoreTesting.LIBRARY))
        .isNotEqualTo(0);
  }

  private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
    de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
    d.put("_id", "x");
    d.put(key, value);
    return d;
  }

  @Test
  void inMemoryQueriesByFileAreAnsweredFromTheIndex() {
    exercise(new IndexedMemoryBackend());
  }
}
