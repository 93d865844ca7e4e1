package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk store through the real driver, served as the stack serves it: BSON format,
 * duplicates, reopening, old files.
 */
class DurableH2BackendTest {

  @TempDir Path dir;

  private static List<Document> documents(int n) {
    Random random = new Random(7);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(StoreInsertBench.document(random, i));
    }
    return docs;
  }

  @Test
  void aNewFileStoresBsonAndKeepsEveryDocumentAndDuplicateKeyAcrossAReopen() {
    String file = dir.resolve("tideway.mv").toString();
    List<Document> docs = documents(3000);
    DurableH2Backend first = DurableH2Backend.open(file);
    assertThat(first.format()).isEqualTo(StoreFormat.BSON);
    StoreTesting.served(
        first,
        c -> {
          c.insertMany(docs.subList(0, 2000), new InsertManyOptions().ordered(false));
          // The loader's redelivered batch: the stored half must be refused as duplicate keys.
          assertThatThrownBy(
                  () ->
                      c.insertMany(
                          docs.subList(1000, 3000), new InsertManyOptions().ordered(false)))
              .isInstanceOfSatisfying(
                  MongoBulkWriteException.class,
                  e -> {
                    assertThat(e.getWriteErrors()).hasSize(1000);
                    assertThat(e.getWriteErrors()).allMatch(w -> w.getCode() == 11000);
                  });
        });
    DurableH2Backend reopened = DurableH2Backend.open(file);
    assertThat(reopened.format()).isEqualTo(StoreFormat.BSON);
    StoreTesting.served(
        reopened,
        c -> {
          assertThat(c.countDocuments()).isEqualTo(3000);
          Document sample = docs.get(2500);
          assertThat(c.find(Filters.eq("_id", sample.get("_id"))).first()).isEqualTo(sample);
          assertThatThrownBy(() -> c.insertOne(docs.get(10))).hasMessageContaining("E11000");
        });
  }

  @Test
  void documentsMissingFromTheIdIndexAfterAKillAreAddedAtOpenAndRefusedAsDuplicates() {
    String file = dir.resolve("tideway.mv").toString();
    List<Document> docs = documents(300);
    StoreTesting.served(DurableH2Backend.open(file), c -> c.insertMany(docs));
    // The state a kill -9 leaves between a document's write and its index entry's.
    MVStore raw = new MVStore.Builder().fileName(file).open();
    MVMap<KeyValue, Object> index =
        raw.openMap(
            "tideway.admissions._index__id_",
            new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
    new ArrayList<>(index.keySet()).subList(0, 3).forEach(index::remove);
    raw.commit();
    raw.close();

    StoreTesting.served(
        DurableH2Backend.open(file),
        c -> {
          assertThat(c.countDocuments()).isEqualTo(300);
          assertThatThrownBy(() -> c.insertMany(docs, new InsertManyOptions().ordered(false)))
              .isInstanceOfSatisfying(
                  MongoBulkWriteException.class,
                  e -> {
                    assertThat(e.getWriteErrors()).hasSize(300);
                    assertThat(e.getWriteErrors()).allMatch(w -> w.getCode() == 11000);
                  });
          for (Document d : docs) {
            assertThat(c.find(Filters.eq("_id", d.get("_id"))).first()).isEqualTo(d);
          }
        });
  }

  @Test
  void aFileWrittenBeforeTheBsonFormatIsStillReadAndWritten() {
    String file = dir.resolve("tideway.mv").toString();
    List<Document> docs = documents(500);
    StoreTesting.served(new H2Backend(file), c -> c.insertMany(docs.subList(0, 300)));
    DurableH2Backend reopened = DurableH2Backend.open(file);
    assertThat(reopened.format()).isEqualTo(StoreFormat.JAVA_SERIALIZED);
    StoreTesting.served(
        reopened,
        c -> {
          assertThat(c.countDocuments()).isEqualTo(300);
          assertThat(c.find(Filters.eq("_id", docs.get(7).get("_id"))).first())
              .isEqualTo(docs.get(7));
          c.insertMany(docs.subList(300, 500));
          assertThatThrownBy(() -> c.insertOne(docs.get(10))).hasMessageContaining("E11000");
        });
    StoreTesting.served(
        DurableH2Backend.open(file), c -> assertThat(c.countDocuments()).isEqualTo(500));
  }
}
