package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class StoreWarmUpTest {

  @Test
  void warmsUpInADatabaseOfItsOwnThatItDropsAndLeavesEverythingElseAsItWas() {
    IndexedMemoryBackend backend = new IndexedMemoryBackend();
    try (StoreServer server = StoreServer.bind(backend, "127.0.0.1", 0);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
      MongoCollection<Document> kept = client.getDatabase("tideway").getCollection("admissions");
      kept.insertOne(new Document("_id", "kept").append("row", 1));

      assertThat(StoreWarmUp.run(server.port())).isEqualTo(StoreWarmUp.DOCUMENTS);

      List<String> databases = client.listDatabaseNames().into(new ArrayList<>());
      assertThat(databases).contains("tideway").doesNotContain(StoreWarmUp.DATABASE);
      assertThat(kept.find().into(new ArrayList<>()))
          .containsExactly(new Document("_id", "kept").append("row", 1));
    } finally {
      backend.close();
    }
  }

  @Test
  void aStoreThatCannotBeReachedIsReportedNotThrown() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThat(StoreWarmUp.run(closedPort)).isEqualTo(-1);
  }
}
