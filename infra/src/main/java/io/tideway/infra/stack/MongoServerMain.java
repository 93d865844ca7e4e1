package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB-wire-compatible server of the local stack ({@code mongo-java-server}), as
 * its own JVM: in memory by default, on disk (H2 MVStore) with {@code --data-dir DIR}, where a
 * write is acknowledged only once it is committed and synced to the file ({@link
 * DurableH2Backend}).
 */
public final class MongoServerMain {

  private static final Logger LOG = LoggerFactory.getLogger(MongoServerMain.class);

  private MongoServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = 27017;
    Path dataDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    MongoBackend backend;
    if (dataDir == null) {
      backend = new IndexedMemoryBackend();
    } else {
      Files.createDirectories(dataDir);
      backend = DurableH2Backend.open(dataDir.resolve("tideway.mv").toString());
    }
    StoreServer server = StoreServer.bind(backend, "127.0.0.1", port);
    LOG.info(
        "embedded MongoDB-compatible server listening on 127.0.0.1:{} ({})",
        port,
        dataDir == null ? "in memory" : "data in " + dataDir);
    if (dataDir == null) {
      StoreWarmUp.startInBackground(port);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  backend.close();
                  stopped.countDown();
                },
                "mongo-shutdown"));
    stopped.await();
  }
}
