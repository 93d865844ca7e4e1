package io.tideway.infra.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tideway.testkit.EmbeddedMongo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Serves a store to the real driver for the store tests and benches: ours as the stack serves it
 * ({@link StoreServer}), and the library's in-memory store on the library's own server as the
 * reference its answers are compared with.
 */
final class StoreTesting {

  /** Key of the library's answer in {@link #answers}. */
  static final String LIBRARY = "library's MemoryBackend";

  /** Key of our in-memory store's answer in {@link #answers}. */
  static final String OURS = "IndexedMemoryBackend on StoreServer";

  private StoreTesting() {}

  /** Runs {@code work} on a collection of {@code backend} served as the stack serves it. */
  static void served(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
    try (StoreServer server = StoreServer.bind(backend, "127.0.0.1", 0)) {
      on(server.port(), work);
    } finally {
      backend.close();
    }
  }

  /** Runs {@code work} on a collection of {@code backend} served by the library's own server. */
  static void servedByLibrary(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
    try (EmbeddedMongo server = EmbeddedMongo.start(backend)) {
      on(server.port(), work);
    } finally {
      backend.close();
    }
  }

  /**
   * What {@code work} answers on the library's in-memory store ({@link #LIBRARY}) and on ours as
   * the stack serves it ({@link #OURS}); {@code work} also gets the store it runs on.
   */
  static Map<String, Object> answers(
      BiFunction<MongoBackend, MongoCollection<Document>, Object> work) {
    Map<String, Object> answers = new HashMap<>();
    MemoryBackend library = new MemoryBackend();
    servedByLibrary(library, c -> answers.put(LIBRARY, work.apply(library, c)));
    IndexedMemoryBackend ours = new IndexedMemoryBackend();
    served(ours, c -> answers.put(OURS, work.apply(ours, c)));
    return answers;
  }

  private static void on(int port, Consumer<MongoCollection<Document>> work) {
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/")) {
      work.accept(client.getDatabase("tideway").getCollection("admissions"));
    }
  }
}
