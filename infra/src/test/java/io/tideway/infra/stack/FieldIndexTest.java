package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
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
    DurableH2BackendTest.withStore(
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
        });
  }

  private static de.bwaldvogel.mongo.bson.Document query(String key, Object value) {
    return new de.bwaldvogel.mongo.bson.Document(key, value);
  }

  @Test
  void inMemoryQueriesByFileAreAnsweredFromTheIndex() {
    exercise(new IndexedMemoryBackend());
  }
}
